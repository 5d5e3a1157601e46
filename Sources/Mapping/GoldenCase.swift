public import Foundation
import Canonical

/// One golden test of the mappings: `mappings/tests/<case>/` holds one input file and `expected.jsonl`,
/// the events it must translate to, one per line.
public struct GoldenCase: Sendable, CustomStringConvertible {
    public let folder: URL
    public var name: String { body != nil ? "bodies/" + folder.lastPathComponent : folder.lastPathComponent }
    public var description: String { name }
    public static let expectedFileName = "expected.jsonl"

    /// For a body case (`bodies/tests/<body>/`): the body mapping whose output `expected.jsonl` holds.
    public let body: String?

    public init(folder: URL, body: String? = nil) {
        self.folder = folder
        self.body = body
    }

    /// Every body case under `mappingsFolder/bodies/tests`: the folder is named after the body mapping; its
    /// input is translated with the mappings, and each event rendered with that body, one JSON line each.
    public static func allBodies(in mappingsFolder: URL) -> [GoldenCase] {
        let tests = mappingsFolder.appendingPathComponent("bodies/tests")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: tests.path)) ?? []
        return names.sorted().map { GoldenCase(folder: tests.appendingPathComponent($0), body: $0) }
            .filter { $0.input != nil }
    }

    /// Every case under `mappingsFolder/tests`, by name.
    public static func all(in mappingsFolder: URL) -> [GoldenCase] {
        let tests = mappingsFolder.appendingPathComponent("tests")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: tests.path)) ?? []
        return names.sorted().map { GoldenCase(folder: tests.appendingPathComponent($0)) }
            .filter { $0.input != nil }
    }

    /// The input: the one file that is not the expected output or a note.
    public var input: URL? {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.sorted().filter { $0 != GoldenCase.expectedFileName && !$0.hasSuffix(".md") && !$0.hasPrefix(".") }
            .first.map { folder.appendingPathComponent($0) }
    }

    public var expectedURL: URL { folder.appendingPathComponent(GoldenCase.expectedFileName) }

    /// The events as JSON lines, each followed by a newline.
    public func actual(registry: MappingRegistry) throws -> String {
        guard let input else { throw MappingError(.unreadableFile, file: name, line: nil, key: "", "the case has no input file") }
        let bytes = Array(try Data(contentsOf: input))
        var lines = ""
        let bodyMapping = try body.map { name throws(MappingError) in
            guard let mapping = registry.body(named: name) else {
                throw MappingError(.unreadableFile, file: self.name, line: nil, key: "", "no body mapping named '\(name)' under bodies/")
            }
            return mapping
        }
        for report in try FileTranslation.translate(bytes, fileName: input.lastPathComponent, registry: registry) {
            guard case .event(let event) = report else { continue }
            if let bodyMapping {
                lines += String(decoding: try bodyMapping.render(event: event), as: UTF8.self) + "\n"
            } else {
                lines += try event.jsonLine() + "\n"
            }
        }
        return lines
    }

    /// Nil when the case passes; otherwise a readable account of the differences.
    public func check(registry: MappingRegistry) throws -> String? {
        let actual = try actual(registry: registry)
        guard let expected = try? String(contentsOf: expectedURL, encoding: .utf8) else {
            return "\(name): no \(GoldenCase.expectedFileName) (run with --record to write it)"
        }
        return GoldenCase.difference(expected: expected, actual: actual).map { "\(name):\n\($0)" }
    }

    /// Line by line; for lines that are both JSON, the paths whose values differ.
    public static func difference(expected: String, actual: String) -> String? {
        guard expected != actual else { return nil }
        let e = expected.split(separator: "\n").map(String.init)
        let a = actual.split(separator: "\n").map(String.init)
        var out: [String] = []
        if e.count != a.count { out.append("  expected \(e.count) event(s), got \(a.count)") }
        for i in 0..<max(e.count, a.count) {
            let el = i < e.count ? e[i] : nil, al = i < a.count ? a[i] : nil
            guard el != al else { continue }
            guard let el, let al else {
                out.append("  event \(i + 1): " + (el == nil ? "unexpected: \(al!.prefix(200))" : "missing: \(el!.prefix(200))"))
                continue
            }
            let ef = flatten(el), af = flatten(al)
            out.append("  event \(i + 1):")
            for key in Set(ef.keys).union(af.keys).sorted() where ef[key] != af[key] {
                out.append("    \(key): expected \(ef[key] ?? "(absent)"), got \(af[key] ?? "(absent)")")
            }
        }
        return out.joined(separator: "\n")
    }

    static func flatten(_ line: String) -> [String: String] {
        guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) else { return ["": line] }
        var out: [String: String] = [:]
        func walk(_ value: Any, _ path: String) {
            if let dict = value as? [String: Any] {
                for (k, v) in dict { walk(v, path.isEmpty ? k : path + "." + k) }
            } else if let array = value as? [Any] {
                for (i, v) in array.enumerated() { walk(v, "\(path)[\(i)]") }
            } else if let s = value as? String {
                out[path] = "\"\(s)\""
            } else {
                out[path] = "\(value)"
            }
        }
        walk(object, "")
        return out
    }
}
