/// An input a plan reads from: an X12 loop instance, a flat record, an XML element.
protocol MappingScope: Sendable {
    /// The value `path` reads here, untrimmed; empty when absent.
    func value(_ path: SourcePath) -> String
    /// Every scope `path` selects from here, in input order.
    func select(_ path: SourcePath) -> [any MappingScope]
    /// The first scope `select(path)` would give, found without collecting the others.
    func selectFirst(_ path: SourcePath) -> (any MappingScope)?
}

extension MappingScope {
    func selectFirst(_ path: SourcePath) -> (any MappingScope)? { select(path).first }
}

extension X12Scope: MappingScope {
    func value(_ path: SourcePath) -> String {
        guard case .x12(let path) = path else { return "" }
        return value(path)
    }

    func select(_ path: SourcePath) -> [any MappingScope] {
        guard case .x12(let path) = path else { return [] }
        return select(path)
    }

    func selectFirst(_ path: SourcePath) -> (any MappingScope)? {
        guard case .x12(let path) = path else { return nil }
        return selectFirst(path)
    }
}
