public import ArgumentParser
public import X12

/// `--leniency strict|lenient|wrapped-lines,...`, parsed once for every command that reads X12.
extension Leniency: ExpressibleByArgument {
    public init?(argument: String) { self.init(profile: argument) }
    public var defaultValueDescription: String { self == .strict ? "strict" : self == .lenient ? "lenient" : "custom" }
}
