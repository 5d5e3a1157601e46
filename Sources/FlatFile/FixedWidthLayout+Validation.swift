extension FixedWidthLayout {
    /// Checks that the layout can be used: unique names, prefixes and fields inside their records,
    /// fields that do not overlap, usable date patterns, one header and one trailer at most, and trailer
    /// checks that name existing numeric fields.
    ///
    /// - Parameter fileName: the layout file's name, for error positions.
    /// - Throws: `FlatFileError` with `.invalidLayout`; `fieldName` says `record` or `record.field`.
    public func validate(fileName: String = "layout") throws {
        func invalid(_ place: String?, _ message: String) -> FlatFileError {
            FlatFileError(code: .invalidLayout, position: RecordPosition(fileName: fileName, fieldName: place), message: message)
        }
        guard !records.isEmpty else { throw invalid(nil, "the layout has no record types") }
        var names = Set<String>()
        for record in records {
            guard names.insert(record.name).inserted else { throw invalid(record.name, "two record types share this name") }
            guard !record.prefix.isEmpty, record.prefixOffset >= 1,
                record.prefixOffset - 1 + record.prefix.unicodeScalars.count <= record.length
            else { throw invalid(record.name, "the prefix must be non-empty and lie inside the record's length") }
            var fieldNames = Set<String>()
            var lastEnd = 0
            for field in record.fields.sorted(by: { $0.offset < $1.offset }) {
                let place = "\(record.name).\(field.name)"
                guard fieldNames.insert(field.name).inserted else { throw invalid(place, "two fields of the record share this name") }
                guard field.offset >= 1, field.length >= 1, field.offset - 1 + field.length <= record.length else {
                    throw invalid(place, "the field must lie inside the record's \(record.length) characters")
                }
                guard field.offset > lastEnd else { throw invalid(place, "the field overlaps the one before it") }
                lastEnd = field.offset - 1 + field.length
                switch field.type {
                case .text, .integer: break
                case .decimal(let implied):
                    guard (0...18).contains(implied) else { throw invalid(place, "impliedDecimals must be between 0 and 18") }
                case .date(let pattern):
                    guard let format = DateFormat(pattern) else {
                        throw invalid(place, "the date format needs yyyy or yy, MM and dd; other letters are not allowed")
                    }
                    guard format.width <= field.length else { throw invalid(place, "the date format is longer than the field") }
                }
            }
        }
        for role in [RecordLayout.Role.header, .trailer] where records.filter({ $0.role == role }).count > 1 {
            throw invalid(nil, "a layout has at most one \(role.rawValue) record type")
        }
        guard let trailer = records.first(where: { $0.role == .trailer }) else {
            if !trailerChecks.recordCounts.isEmpty || !trailerChecks.controlTotals.isEmpty {
                throw invalid(nil, "trailer checks need a record type with the trailer role")
            }
            return
        }
        func numeric(_ record: RecordLayout, _ name: String, integerOnly: Bool) throws {
            let place = "\(record.name).\(name)"
            guard let index = record.fieldIndex(name) else { throw invalid(place, "no such field in the record type") }
            switch record.fields[index - 1].type {
            case .integer: break
            case .decimal where !integerOnly: break
            default: throw invalid(place, integerOnly ? "a record count must be an integer field" : "a total must be a numeric field")
            }
        }
        for check in trailerChecks.recordCounts {
            try numeric(trailer, check.field, integerOnly: true)
            if case .records(let name) = check.counts, !names.contains(name) {
                throw invalid(name, "the record count names a record type that the layout does not have")
            }
        }
        for check in trailerChecks.controlTotals {
            try numeric(trailer, check.field, integerOnly: false)
            guard let summed = records.first(where: { $0.name == check.record }) else {
                throw invalid(check.record, "the control total names a record type that the layout does not have")
            }
            try numeric(summed, check.sums, integerOnly: false)
        }
    }
}
