public import Foundation

/// The project's folders as seen from the tests.
public enum ProjectPaths {
    /// The package root: the nearest folder above this file that holds `Package.swift`.
    public static let root: URL = {
        var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while url.path != "/" {
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
            url.deleteLastPathComponent()
        }
        fatalError("Package.swift not found above \(#filePath)")
    }()

    public static let samples = root.appendingPathComponent("samples")

    /// The shared X12 corpus beside the project, when it is there (`../shared/corpus/x12`).
    public static let corpus: URL? = {
        let url = root.deletingLastPathComponent().appendingPathComponent("shared/corpus/x12")
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }()

    /// The folder where the package's executables are built (`crossdock` lives there).
    public static let binaries: URL = {
        // The test bundle runs from the build folder on Linux; fall back to the debug folder.
        let exe = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var dir = exe.deletingLastPathComponent()
        while dir.path != "/" {
            if FileManager.default.fileExists(atPath: dir.appendingPathComponent("crossdock").path) { return dir }
            dir.deleteLastPathComponent()
        }
        return root.appendingPathComponent(".build/debug")
    }()
}

/// One input file under `samples/` or the shared corpus.
public struct Sample: Sendable, CustomStringConvertible, Hashable {
    public let url: URL

    public init(url: URL) { self.url = url }

    public var name: String { url.deletingPathExtension().lastPathComponent }
    public var fileName: String { url.lastPathComponent }
    public var description: String { fileName }
    public var bytes: [UInt8] { (try? [UInt8](Data(contentsOf: url))) ?? [] }

    /// The golden file beside the sample: `<name>.<suffix>`.
    public func golden(_ suffix: String) -> URL {
        url.deletingLastPathComponent().appendingPathComponent("\(name).\(suffix)")
    }

    /// Every `.edi` file in `samples/<folder>`, sorted by name.
    public static func all(in folder: String, extension ext: String = "edi") -> [Sample] {
        files(in: ProjectPaths.samples.appendingPathComponent(folder), extension: ext)
    }

    /// Every file of the shared corpus, or none when it is not beside the project.
    public static var corpus: [Sample] {
        guard let dir = ProjectPaths.corpus else { return [] }
        return files(in: dir, extension: "edi")
    }

    public static func named(_ name: String, in folder: String = "x12") -> Sample {
        Sample(url: ProjectPaths.samples.appendingPathComponent(folder).appendingPathComponent(name + ".edi"))
    }

    public static func corpus(_ name: String) -> Sample? {
        guard let dir = ProjectPaths.corpus else { return nil }
        return Sample(url: dir.appendingPathComponent(name + ".edi"))
    }

    static func files(in dir: URL, extension ext: String) -> [Sample] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.filter { $0.hasSuffix("." + ext) }.sorted().map { Sample(url: dir.appendingPathComponent($0)) }
    }
}

public struct GoldenMismatch: Error, CustomStringConvertible {
    public let description: String
}

/// Compares `actual` with the golden file at `url`. A missing golden, or `RECORD_GOLDENS=1`, writes the
/// file and throws, so that recording never passes by accident.
public func expectMatchesGolden(_ actual: String, at url: URL) throws {
    let record = ProcessInfo.processInfo.environment["RECORD_GOLDENS"] == "1"
    guard !record, let expected = try? String(contentsOf: url, encoding: .utf8) else {
        try actual.write(to: url, atomically: true, encoding: .utf8)
        throw GoldenMismatch(description: "recorded golden \(url.lastPathComponent); check it and run again")
    }
    if expected != actual {
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        var diff: [String] = []
        for i in 0..<max(e.count, a.count) where (i < e.count ? e[i] : nil) != (i < a.count ? a[i] : nil) {
            diff.append("line \(i + 1):\n  expected: \(i < e.count ? String(e[i]) : "<none>")\n  actual:   \(i < a.count ? String(a[i]) : "<none>")")
            if diff.count == 5 { break }
        }
        throw GoldenMismatch(description: "\(url.lastPathComponent) differs:\n" + diff.joined(separator: "\n"))
    }
}
