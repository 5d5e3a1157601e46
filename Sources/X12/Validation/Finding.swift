/// One thing the validator found, with its position and the X12 codes that report it in TA1/997/999.
///
/// Findings are values, not thrown errors: one bad transaction never stops its neighbours.
public struct Finding: Sendable, Hashable {
    public enum Severity: String, Sendable, Codable, Comparable {
        /// Recorded for the operator; the verdict is unchanged (e.g. leniency applied).
        case note
        /// Accepted with errors (TA104 E, AK501 E).
        case warning
        /// Rejected (TA104 R, AK501 R).
        case error

        private var rank: Int { self == .note ? 0 : self == .warning ? 1 : 2 }
        public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
    }

    public var kind: FindingKind
    public var severity: Severity
    public var position: SegmentPosition
    /// Plain language, with no element values (they may be confidential).
    public var message: String
    /// The data element reference number (AK402), for element findings.
    public var elementReference: Int?
    /// A copy of the bad value for AK404/IK404 only; never printed in logs or messages.
    public var badValue: String?

    public init(
        _ kind: FindingKind, _ severity: Severity, at position: SegmentPosition, _ message: String,
        elementReference: Int? = nil, badValue: String? = nil
    ) {
        self.kind = kind
        self.severity = severity
        self.position = position
        self.message = message
        self.elementReference = elementReference
        self.badValue = badValue
    }

    /// The code as X12 reports it at the finding's level: TA105, AK905, AK502, AK304 or AK403.
    public var code: String { kind.x12Code }
}

/// Everything Crossdock reports, grouped by envelope level. Raw values are stable identifiers used in
/// `validate --json`.
public enum FindingKind: String, Sendable, Codable, CaseIterable {
    // Interchange (TA105)
    case interchangeControlNumberMismatch
    case unsupportedControlStandard
    case unsupportedControlVersion
    case invalidSegmentTerminator
    case invalidSenderQualifier
    case invalidSenderID
    case invalidReceiverQualifier
    case invalidReceiverID
    case invalidAuthorizationQualifier
    case invalidAuthorizationValue
    case invalidSecurityQualifier
    case invalidSecurityValue
    case invalidInterchangeDate
    case invalidInterchangeTime
    case invalidStandardsIdentifier
    case invalidVersionIdentifier
    case invalidInterchangeControlNumber
    case invalidAcknowledgmentRequested
    case invalidUsageIndicator
    case groupCountMismatch
    case invalidControlStructure
    case prematureEndOfFile
    case invalidInterchangeContent
    case duplicateInterchangeControlNumber
    case invalidElementSeparator
    case invalidComponentSeparator

    // Functional group (AK905)
    case groupNotSupported
    case groupVersionNotSupported
    case groupTrailerMissing
    case groupControlNumberMismatch
    case transactionCountMismatch
    case invalidGroupControlNumber
    case duplicateGroupControlNumber

    // Transaction set (AK502)
    case transactionSetNotSupported
    case transactionTrailerMissing
    case transactionControlNumberMismatch
    case segmentCountMismatch
    case invalidTransactionSetIdentifier
    case invalidTransactionControlNumber
    case duplicateTransactionControlNumber
    case invalidImplementationConvention

    // Segment (AK304 / IK304)
    case unrecognizedSegment
    case unexpectedSegment
    case mandatorySegmentMissing
    case loopOverMaximum
    case segmentOverMaximumUse
    case segmentNotInSet
    case segmentOutOfSequence
    case trailingSeparator

    // Element (AK403 / IK403)
    case mandatoryElementMissing
    case conditionalElementMissing
    case tooManyElements
    case elementTooShort
    case elementTooLong
    case invalidCharacter
    case invalidCode
    case invalidDate
    case invalidTime
    case exclusionViolated
    case tooManyRepetitions
    case tooManyComponents

    // Reader and version notes (no X12 code)
    case junkOutsideInterchange
    case lineBreakInSegment
    case unterminatedFinalSegment
    case versionMappedToNearest
    case leadingZerosInCount

    public enum Level: String, Sendable, Codable { case file, interchange, group, transaction, segment, element }

    public var level: Level {
        switch self {
        case .interchangeControlNumberMismatch, .unsupportedControlStandard, .unsupportedControlVersion,
            .invalidSegmentTerminator, .invalidSenderQualifier, .invalidSenderID, .invalidReceiverQualifier,
            .invalidReceiverID, .invalidAuthorizationQualifier, .invalidAuthorizationValue,
            .invalidSecurityQualifier, .invalidSecurityValue, .invalidInterchangeDate, .invalidInterchangeTime,
            .invalidStandardsIdentifier, .invalidVersionIdentifier, .invalidInterchangeControlNumber,
            .invalidAcknowledgmentRequested, .invalidUsageIndicator, .groupCountMismatch, .invalidControlStructure,
            .prematureEndOfFile, .invalidInterchangeContent, .duplicateInterchangeControlNumber,
            .invalidElementSeparator, .invalidComponentSeparator:
            .interchange
        case .groupNotSupported, .groupVersionNotSupported, .groupTrailerMissing, .groupControlNumberMismatch,
            .transactionCountMismatch, .invalidGroupControlNumber, .duplicateGroupControlNumber:
            .group
        case .transactionSetNotSupported, .transactionTrailerMissing, .transactionControlNumberMismatch,
            .segmentCountMismatch, .invalidTransactionSetIdentifier, .invalidTransactionControlNumber,
            .duplicateTransactionControlNumber, .invalidImplementationConvention, .leadingZerosInCount:
            .transaction
        case .unrecognizedSegment, .unexpectedSegment, .mandatorySegmentMissing, .loopOverMaximum,
            .segmentOverMaximumUse, .segmentNotInSet, .segmentOutOfSequence, .trailingSeparator:
            .segment
        case .mandatoryElementMissing, .conditionalElementMissing, .tooManyElements, .elementTooShort,
            .elementTooLong, .invalidCharacter, .invalidCode, .invalidDate, .invalidTime, .exclusionViolated,
            .tooManyRepetitions, .tooManyComponents:
            .element
        case .junkOutsideInterchange, .lineBreakInSegment, .unterminatedFinalSegment, .versionMappedToNearest:
            .file
        }
    }

    /// The X12 code for this kind at its level: TA105 (3 digits), AK905, AK502, AK304 or AK403; empty
    /// when X12 has no code for it.
    public var x12Code: String {
        switch self {
        case .interchangeControlNumberMismatch: "001"
        case .unsupportedControlStandard: "002"
        case .unsupportedControlVersion: "003"
        case .invalidSegmentTerminator: "004"
        case .invalidSenderQualifier: "005"
        case .invalidSenderID: "006"
        case .invalidReceiverQualifier: "007"
        case .invalidReceiverID: "008"
        case .invalidAuthorizationQualifier: "010"
        case .invalidAuthorizationValue: "011"
        case .invalidSecurityQualifier: "012"
        case .invalidSecurityValue: "013"
        case .invalidInterchangeDate: "014"
        case .invalidInterchangeTime: "015"
        case .invalidStandardsIdentifier: "016"
        case .invalidVersionIdentifier: "017"
        case .invalidInterchangeControlNumber: "018"
        case .invalidAcknowledgmentRequested: "019"
        case .invalidUsageIndicator: "020"
        case .groupCountMismatch: "021"
        case .invalidControlStructure: "022"
        case .prematureEndOfFile: "023"
        case .invalidInterchangeContent: "024"
        case .duplicateInterchangeControlNumber: "025"
        case .invalidElementSeparator: "026"
        case .invalidComponentSeparator: "027"
        case .groupNotSupported: "1"
        case .groupVersionNotSupported: "2"
        case .groupTrailerMissing: "3"
        case .groupControlNumberMismatch: "4"
        case .transactionCountMismatch: "5"
        case .invalidGroupControlNumber: "6"
        case .duplicateGroupControlNumber: "19"
        case .transactionSetNotSupported: "1"
        case .transactionTrailerMissing: "2"
        case .transactionControlNumberMismatch: "3"
        case .segmentCountMismatch: "4"
        case .invalidTransactionSetIdentifier: "6"
        case .invalidTransactionControlNumber: "7"
        case .duplicateTransactionControlNumber: "23"
        case .invalidImplementationConvention: "19"
        case .unrecognizedSegment: "1"
        case .unexpectedSegment: "2"
        case .mandatorySegmentMissing: "3"
        case .loopOverMaximum: "4"
        case .segmentOverMaximumUse: "5"
        case .segmentNotInSet: "6"
        case .segmentOutOfSequence: "7"
        case .trailingSeparator: "8"
        case .mandatoryElementMissing: "1"
        case .conditionalElementMissing: "2"
        case .tooManyElements: "3"
        case .elementTooShort: "4"
        case .elementTooLong: "5"
        case .invalidCharacter: "6"
        case .invalidCode: "7"
        case .invalidDate: "8"
        case .invalidTime: "9"
        case .exclusionViolated: "10"
        case .tooManyRepetitions: "12"
        case .tooManyComponents: "13"
        case .junkOutsideInterchange, .lineBreakInSegment, .unterminatedFinalSegment, .versionMappedToNearest,
            .leadingZerosInCount:
            ""
        }
    }
}
