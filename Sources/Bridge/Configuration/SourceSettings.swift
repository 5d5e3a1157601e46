public import Transport

/// One intake source: a folder of an endpoint that is polled for files.
public struct SourceSettings: Sendable, Hashable {
    /// What the files of a source are; `auto` sniffs each file (ISA, XML, CSV or fixed-width).
    public enum Format: String, Sendable, Hashable, CaseIterable {
        case auto, x12, csv, fixed, xml
    }

    public var id: SourceID
    public var endpoint: EndpointID
    /// The folder polled, relative to the endpoint's root.
    public var folder: RemotePath
    /// The partner whose files these are; nil for a hub folder (X12 files are then matched by ISA sender).
    public var partner: PartnerID?
    public var format: Format
    /// A mapping name forcing one mapping for every file; nil: the registry chooses.
    public var mapping: String?
    public var rules: PickupRules
    public var pollInterval: Duration
    public var afterFetch: AfterFetch
    /// Where a file that failed is moved (with a note), relative to the endpoint's root.
    public var errorFolder: RemotePath

    public init(
        id: SourceID, endpoint: EndpointID, folder: RemotePath = .root, partner: PartnerID? = nil,
        format: Format = .auto, mapping: String? = nil, rules: PickupRules = PickupRules(),
        pollInterval: Duration = .seconds(30), afterFetch: AfterFetch = .leave, errorFolder: RemotePath
    ) {
        self.id = id
        self.endpoint = endpoint
        self.folder = folder
        self.partner = partner
        self.format = format
        self.mapping = mapping
        self.rules = rules
        self.pollInterval = pollInterval
        self.afterFetch = afterFetch
        self.errorFolder = errorFolder
    }
}
