public import Foundation

/// A fresh folder under the system's temporary folder, removed with everything in it when the last
/// reference goes: hold it in a fixture or a suite's stored property, and the folder lives as long as the test.
public final class TemporaryFolder: Sendable {
    public let url: URL

    /// Creates `crossdock-<label>-<UUID>` under the temporary folder.
    public init(_ label: String = "test") throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("crossdock-\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }
}
