import Testing
import Transport

@Suite("Names are data")
struct IdentifierTests {
    @Test(arguments: ["a/b", "..", ".", "", "a\0b", "a\\b", "new\nline", String(repeating: "x", count: 256)])
    func refusesNamesThatAreNotPlainNames(_ name: String) {
        let error = #expect(throws: TransportError.self) { try RemoteName(name) }
        #expect(error?.code == .invalidName)
    }

    @Test(arguments: ["/etc/passwd", "../secret", "inbox/../../etc", "inbox//a", "inbox/./a", "a\\..\\b", "inbox/a\0"])
    func refusesPathsThatCouldLeaveTheRoot(_ path: String) {
        let error = #expect(throws: TransportError.self) { try RemotePath(path) }
        #expect(error?.code == .invalidName)
    }

    @Test func joinsPlainNames() throws {
        let path = try RemotePath("inbox/acme/214.edi")
        #expect(path.components.map(\.value) == ["inbox", "acme", "214.edi"])
        #expect(path.parent.string == "inbox/acme")
        #expect(path.name?.value == "214.edi")
        #expect(RemotePath.root.string == ".")
        #expect(try RemotePath(".").isRoot)
    }

    @Test func datesArchiveFoldersInUTC() {
        #expect(UnixTime(seconds: 0).datedFolder == "1970/01/01")
        #expect(UnixTime(seconds: 1_764_287_999).datedFolder == "2025/11/27")
        #expect(UnixTime(seconds: 1_764_288_000).datedFolder == "2025/11/28")
    }

    @Test func errorMessagesNameThePathNotTheContent() {
        let error = TransportError(code: .conflict, path: "outbound/997.x12", message: "exists")
        #expect(error.description == "conflict at \"outbound/997.x12\": exists")
    }
}
