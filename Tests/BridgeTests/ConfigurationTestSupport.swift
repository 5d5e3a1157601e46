import Bridge
import Foundation

/// A configuration file in a fresh temporary folder (real files: relative paths resolve against it).
struct ConfigFile {
    let folder: URL
    let url: URL

    init(_ text: String, name: String = "crossdock.yaml") throws {
        folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("crossdock-config-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        url = folder.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
    }

    func load(_ environment: [String: String] = [:]) throws(ConfigurationError) -> CrossdockConfiguration {
        try CrossdockConfiguration.load(file: url, environment: environment)
    }

    /// The mistakes `load` reports, each as its description without the file name
    /// (`12 at sources[0].endpoint: unknownReference: ...`); empty when the file loads.
    func mistakes(_ environment: [String: String] = [:]) -> [String] {
        do {
            _ = try CrossdockConfiguration.load(file: url, environment: environment)
            return []
        } catch {
            return error.issues.map { issue in
                var text = issue.description
                if text.hasPrefix(url.path + ":") { text.removeFirst(url.path.count + 1) }
                return text
            }
        }
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }
}

/// The smallest configuration that loads; tests append sections to it (it is 4 lines long).
let minimalConfig = """
    store:
      sqlite: state/crossdock.sqlite
    spool: spool
    mappings: mappings

    """
