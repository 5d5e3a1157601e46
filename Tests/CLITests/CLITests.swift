import Foundation
import Testing
import TestSupport

@Suite struct CLITests {
    @Test func printsVersionAndHelp() throws {
        let version = try crossdock("--version")
        #expect(version.status == 0)
        #expect(version.stdout.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".").count == 3)
        let help = try crossdock("--help")
        #expect(help.status == 0)
        #expect(help.stdout.contains("USAGE: crossdock"))
    }
}
