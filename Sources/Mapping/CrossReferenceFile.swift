import FlatFile
import Foundation

/// A cross-reference table kept in a CSV file of its own beside the mappings (`tables/acme-locations.csv`),
/// named from a mapping's `tables:` section with `file:` and loaded when the mapping is compiled.
///
/// The file has a header row `code,value` and one row per partner code; quoting follows RFC 4180 (read by
/// FlatFile's `CSVReader`). Every mistake — a missing file, a wrong header, a row with another number of
/// columns, an empty code, a code listed twice — is a `MappingError` naming the CSV file and its line, so
/// `crossdock mappings check` reports a broken table before any file is translated.
enum CrossReferenceFile {
    /// The rows of the file `node` names, relative to `folder` (the mappings folder).
    static func load(_ node: YAMLNode, folder: URL?, mappingFile: String, key: String) throws -> [String: String] {
        guard let relative = node.string, !relative.isEmpty else {
            throw MappingError(.wrongShape, file: mappingFile, line: node.line, key: key, "name a CSV file relative to the mappings folder")
        }
        guard relative.hasSuffix(".csv") else {
            throw MappingError(.invalidValue, file: mappingFile, line: node.line, key: key, "a cross-reference table is a .csv file (header code,value)")
        }
        guard let folder else {
            throw MappingError(.brokenTable, file: mappingFile, line: node.line, key: key, "mappings given as text cannot name table files")
        }
        let data: Data
        do {
            data = try Data(contentsOf: folder.appendingPathComponent(relative))
        } catch {
            throw MappingError(.brokenTable, file: mappingFile, line: node.line, key: key, "the table file \(relative) cannot be read")
        }
        return try rows(of: [UInt8](data), file: relative)
    }

    /// The rows of a table file's bytes; `file` names it in errors.
    static func rows(of bytes: [UInt8], file: String) throws -> [String: String] {
        var entries: [String: String] = [:]
        var lines: [String: Int] = [:]
        do {
            let reader = try CSVReader(input: MemoryInput(bytes), fileName: file, options: CSVOptions(fieldCount: .exactly(2)))
            guard reader.header?.names == ["code", "value"] else {
                throw MappingError(.brokenTable, file: file, line: 1, key: "", "the header row must be exactly code,value")
            }
            try reader.forEach { record in
                let line = record.position.line
                let code = record.fields[0], value = record.fields[1]
                guard !code.isEmpty else { throw MappingError(.brokenTable, file: file, line: line, key: "", "the code is empty") }
                guard !value.isEmpty else {
                    throw MappingError(.brokenTable, file: file, line: line, key: code, "the value is empty")
                }
                if let first = lines[code] {
                    throw MappingError(.brokenTable, file: file, line: line, key: code, "the code is already on line \(first)")
                }
                entries[code] = value
                lines[code] = line
            }
        } catch let error as FlatFileError {
            throw MappingError(.brokenTable, file: file, line: error.position.line == 0 ? nil : error.position.line, key: "", error.message)
        }
        return entries
    }
}
