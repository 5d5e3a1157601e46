/// How a partner wants to be answered.
public struct AckPolicy: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// 997 for groups before 005010, 999 from 005010 on, TA1 as the rules say.
        case auto
        /// 997 for every group (TA1 as the rules say).
        case functional997 = "997"
        /// 999 for every group (TA1 as the rules say).
        case implementation999 = "999"
        /// Only TA1 interchange acknowledgements, whether or not ISA14 asks for one.
        case ta1
    }

    public enum SetDetail: String, Sendable, Hashable {
        /// An AK2 loop for every set.
        case everySet = "every"
        /// AK2 loops only for sets not accepted (A); a fully accepted group gets AK1 and AK9 only.
        case notAccepted = "errors"
    }

    public enum TA1Rule: String, Sendable, Hashable {
        /// When ISA14 is 1, and on envelope errors.
        case requestedOrError = "on-request"
        /// Only on envelope errors.
        case onError = "on-error"
        case never
    }

    public var kind: Kind
    public var setDetail: SetDetail
    public var ta1: TA1Rule
    /// The 999's implementation convention reference (ST03, GS08).
    public var implementationReference: String

    public init(kind: Kind = .auto, setDetail: SetDetail = .everySet, ta1: TA1Rule = .requestedOrError, implementationReference: String = "005010X231A1") {
        self.kind = kind
        self.setDetail = setDetail
        self.ta1 = ta1
        self.implementationReference = implementationReference
    }
}

/// The moment written into ISA09/ISA10 and GS04/GS05 of an acknowledgement.
public struct AckTimestamp: Sendable, Hashable {
    /// CCYYMMDD.
    public var date: String
    /// HHMM.
    public var time: String

    public init(date: String, time: String) {
        self.date = date
        self.time = time
    }
}
