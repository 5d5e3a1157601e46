import Foundation
import Synchronization
import Testing
import Transport

/// Against a real OpenSSH sshd on 127.0.0.1; each test starts its own server.
@Suite("SFTP endpoint against a real sshd")
struct SFTPEndpointTests {
    @Test func listsFetchesPutsMovesAndDeletes() async throws {
        try await withSSHServer { server in
            let payload = Array("ISA*00*~GS*QM~ST*214*0001~".utf8) + [UInt8](repeating: 0x41, count: 100_000)
            try server.place("inbox/214_a.edi", payload, modified: Date(timeIntervalSince1970: 1_700_000_000))
            try server.place("inbox/notes.txt", Array("x".utf8))
            let spoolRoot = try makeTemporaryRoot("spool")
            defer { removeTemporaryRoot(spoolRoot) }
            let spool = Spool(root: spoolRoot, folder: try RemotePath("acme"))
            let inbox = try RemotePath("inbox")

            let listing = try await server.endpoint().withSession { session in try session.list(inbox) }
            #expect(listing.entries.map(\.name.value) == ["214_a.edi", "notes.txt"])
            #expect(listing.entries[0].size == Int64(payload.count))
            #expect(listing.entries[0].modified == 1_700_000_000)
            #expect(listing.entries[0].kind == .file)

            let fetched = try await server.endpoint().withSession { session in
                try session.fetch(try RemotePath("inbox/214_a.edi"), into: spool)
            }
            #expect(fetched.size == Int64(payload.count))
            #expect(fetched.sha256 == (try sha256Hex(of: payload)))
            #expect(FileManager.default.contents(atPath: fetched.localPath).map { [UInt8]($0) } == payload)
            #expect(try FileManager.default.contentsOfDirectory(atPath: spoolRoot.path + "/acme") == ["214_a.edi"])

            // put: appears whole under its name, no temporary left; a second put of the name is a conflict.
            let ack = Array("ISA*997~".utf8)
            try await server.endpoint().withSession { session in
                try session.makeFolder(try RemotePath("outbound/acks"))
                try session.put(.bytes(ack), as: try RemotePath("outbound/acks/997_1.x12"))
            }
            #expect(server.contents("outbound/acks/997_1.x12") == ack)
            #expect(server.names(in: "outbound/acks") == ["997_1.x12"])
            let conflict = await sessionError(server.endpoint()) { session in
                try session.put(.bytes(Array("other".utf8)), as: try RemotePath("outbound/acks/997_1.x12"))
            }
            #expect(conflict?.code == .conflict)
            #expect(server.contents("outbound/acks/997_1.x12") == ack)
            #expect(server.names(in: "outbound/acks") == ["997_1.x12"])

            // move to a dated archive; moving onto an existing name is a conflict; delete.
            let archived = try await server.endpoint().withSession { session in
                try session.archive(
                    try RemotePath("inbox/214_a.edi"), into: try RemotePath("archive"),
                    date: UnixTime(seconds: 1_764_201_600))
            }
            #expect(archived.string == "archive/2025/11/27/214_a.edi")
            #expect(server.contents("archive/2025/11/27/214_a.edi") == payload)
            #expect(server.names(in: "inbox") == ["notes.txt"])
            let moveConflict = await sessionError(server.endpoint()) { session in
                try session.move(try RemotePath("inbox/notes.txt"), to: try RemotePath("outbound/acks/997_1.x12"))
            }
            #expect(moveConflict?.code == .conflict)
            try await server.endpoint().withSession { session in
                try session.move(try RemotePath("inbox/notes.txt"), to: try RemotePath("inbox/notes.old"))
                try session.delete(try RemotePath("inbox/notes.old"))
                #expect(try session.stat(try RemotePath("inbox/notes.old")) == nil)
            }
            #expect(server.names(in: "inbox").isEmpty)
        }
    }

    @Test func refusesAChangedHostKeyNamingTheServersFingerprint() async throws {
        try await withSSHServer { server in
            let other = server.dataRoot.deletingLastPathComponent().appendingPathComponent("other_ed25519")
            try TestSSHServer.keygen(["-t", "ed25519", "-N", "", "-f", other.path])
            let otherPub = try String(contentsOf: other.appendingPathExtension("pub"), encoding: .utf8)
                .split(separator: " ")
            let knownHosts = server.dataRoot.deletingLastPathComponent().appendingPathComponent("known_hosts_wrong")
            try "[127.0.0.1]:\(server.port) \(otherPub[0]) \(otherPub[1])\n"
                .write(to: knownHosts, atomically: true, encoding: .utf8)
            let endpoint = SFTPEndpoint(configuration: server.configuration(knownHosts: knownHosts))
            let error = await sessionError(endpoint) { session in try session.list(.root) }
            #expect(error?.code == .hostKeyChanged)
            #expect(error?.message.contains(server.hostFingerprint) == true)
        }
    }

    @Test func refusesAnUnknownHostNamingItsFingerprint() async throws {
        try await withSSHServer { server in
            // An entry for another port only: this host:port is unknown.
            let line = try String(contentsOf: server.knownHosts, encoding: .utf8)
                .replacingOccurrences(of: "]:\(server.port) ", with: "]:\(server.port + 1) ")
            let knownHosts = server.dataRoot.deletingLastPathComponent().appendingPathComponent("known_hosts_other")
            try line.write(to: knownHosts, atomically: true, encoding: .utf8)
            let endpoint = SFTPEndpoint(configuration: server.configuration(knownHosts: knownHosts))
            let error = await sessionError(endpoint) { session in try session.list(.root) }
            #expect(error?.code == .hostKeyUnknown)
            #expect(error?.message.contains("SHA256:") == true)

            let missing = SFTPEndpoint(
                configuration: server.configuration(knownHosts: knownHosts.appendingPathExtension("missing")))
            let unreadable = await sessionError(missing) { session in try session.list(.root) }
            #expect(unreadable?.code == .knownHostsUnreadable)
        }
    }

    @Test func acceptsHashedKnownHostsAndAPassphraseProtectedECDSAKey() async throws {
        try await withSSHServer { server in
            let hashed = server.dataRoot.deletingLastPathComponent().appendingPathComponent("known_hosts_hashed")
            try FileManager.default.copyItem(at: server.knownHosts, to: hashed)
            try TestSSHServer.run("ssh-keygen", ["-H", "-f", hashed.path])
            #expect(try String(contentsOf: hashed, encoding: .utf8).hasPrefix("|1|"))
            let key = SFTPAuthentication.privateKey(
                path: server.ecdsaUserKey.path, passphrase: server.userKeyPassphrase)
            let endpoint = SFTPEndpoint(configuration: server.configuration(knownHosts: hashed, authentication: key))
            let listing = try await endpoint.withSession { session in try session.list(.root) }
            #expect(listing.entries.isEmpty)

            let wrong = SFTPAuthentication.privateKey(path: server.ecdsaUserKey.path, passphrase: "wrong")
            let refused = await #expect(throws: TransportError.self) {
                try await SFTPEndpoint(configuration: server.configuration(authentication: wrong))
                    .withSession { session in try session.list(.root) }
            }
            #expect(refused?.code == .authenticationFailed)
            #expect(refused?.description.contains("wrong") == false)
        }
    }

    /// Password login needs a real system account (sshd checks /etc/shadow): root makes one, see `PasswordAccount`.
    @Test(
        .enabled(
            if: PasswordAccount.shared != nil,
            "needs root (as on CI) or CROSSDOCK_TEST_SFTP_PASSWORD_ACCOUNT=user:password for an existing account"))
    func logsInWithAPasswordAndRefusesAWrongOne() async throws {
        let account = try #require(PasswordAccount.shared).get()
        try await withSSHServer(passwordAccount: account) { server in
            let payload = Array("ISA*00*~GS*QM~ST*214*0001~".utf8)
            try server.place("inbox/214_p.edi", payload)
            // The account writes acks into a folder it owns; sshd runs internal-sftp as that account.
            let outbound = server.dataRoot.appendingPathComponent("outbound")
            try FileManager.default.createDirectory(at: outbound, withIntermediateDirectories: true)
            try FileManager.default.setAttributes([.ownerAccountName: account.user], ofItemAtPath: outbound.path)
            let spoolRoot = try makeTemporaryRoot("spool")
            defer { removeTemporaryRoot(spoolRoot) }
            let spool = Spool(root: spoolRoot, folder: try RemotePath("acme"))

            let endpoint = SFTPEndpoint(
                configuration: server.configuration(user: account.user, authentication: .password(account.password)))
            let fetched = try await endpoint.withSession { session in
                #expect(try session.list(try RemotePath("inbox")).entries.map(\.name.value) == ["214_p.edi"])
                try session.put(.bytes(Array("ISA*997~".utf8)), as: try RemotePath("outbound/997_1.x12"))
                return try session.fetch(try RemotePath("inbox/214_p.edi"), into: spool)
            }
            #expect(fetched.sha256 == (try sha256Hex(of: payload)))
            #expect(server.contents("outbound/997_1.x12") == Array("ISA*997~".utf8))
            let owner = try FileManager.default.attributesOfItem(atPath: outbound.path + "/997_1.x12")[.ownerAccountName]
            #expect(owner as? String == account.user)
            // sshd's own log says which method let the account in.
            #expect(try server.log().contains("Accepted password for \(account.user)"))

            let wrong = SFTPEndpoint(
                configuration: server.configuration(
                    user: account.user, authentication: .password("not-\(account.password)"),
                    reconnect: ReconnectPolicy(attempts: 1, initialDelay: .milliseconds(10))))
            let refused = await sessionError(wrong) { session in try session.list(.root) }
            #expect(refused?.code == .authenticationFailed)
            #expect(refused?.description.contains("password (redacted)") == true)
            #expect(refused?.description.contains(account.password) == false)
        }
    }

    @Test func refusesHostileNamesFromTheServer() async throws {
        try await withSSHServer { server in
            try server.place("inbox/good.edi", Array("a".utf8))
            try server.place("inbox/back\\slash.edi", Array("b".utf8))
            try server.place("inbox/new\nline.edi", Array("c".utf8))
            let listing = try await server.endpoint().withSession { session in
                try session.list(try RemotePath("inbox"))
            }
            #expect(listing.entries.map(\.name.value) == ["good.edi"])
            #expect(listing.refusedNames.sorted() == ["\"back\\\\slash.edi\"", "\"new\\nline.edi\""])
        }
    }

    @Test func serverKilledMidDownloadLeavesNoPartialFileAndTheNextFetchSucceeds() async throws {
        try await withSSHServer { server in
            let payload = (0..<8_000_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 9) }
            try server.place("inbox/big.edi", payload)
            let spoolRoot = try makeTemporaryRoot("spool")
            defer { removeTemporaryRoot(spoolRoot) }
            let spool = Spool(root: spoolRoot)
            let path = try RemotePath("inbox/big.edi")
            let name = try RemoteName("big.edi")
            let endpoint = server.endpoint(readBufferSize: 32 * 1024)
            let killed = KillSwitch(server: server)
            let error = await sessionError(endpoint) { session in
                try session.fetch(path, into: spool, as: name, limit: nil) { bytes in
                    if bytes >= 256 * 1024 { killed.fire() }
                }
            }
            #expect(killed.fired)
            #expect(error.map { [.connectionLost, .download, .timeout].contains($0.code) } == true)
            #expect(try FileManager.default.contentsOfDirectory(atPath: spoolRoot.path).isEmpty)

            server.kill()  // reaps the killed sshd
            try server.start()
            let file = try await endpoint.withSession { session in
                try session.fetch(path, into: spool, as: name, limit: nil, progress: nil)
            }
            #expect(file.size == Int64(payload.count))
            #expect(file.sha256 == (try sha256Hex(of: payload)))
            #expect(try FileManager.default.contentsOfDirectory(atPath: spoolRoot.path) == ["big.edi"])
        }
    }

    @Test func refusesAFileOverTheLimitBeforeFetchingIt() async throws {
        try await withSSHServer { server in
            try server.place("inbox/huge.edi", [UInt8](repeating: 1, count: 5_000))
            let spoolRoot = try makeTemporaryRoot("spool")
            defer { removeTemporaryRoot(spoolRoot) }
            let error = await sessionError(server.endpoint()) { session in
                try session.fetch(try RemotePath("inbox/huge.edi"), into: Spool(root: spoolRoot), limit: 4_096)
            }
            #expect(error?.code == .tooLarge)
            #expect(try FileManager.default.contentsOfDirectory(atPath: spoolRoot.path).isEmpty)
        }
    }

    @Test func retriesAConnectionRefusedThenReportsIt() async throws {
        try await withSSHServer { server in
            server.kill()
            let started = ContinuousClock.now
            let endpoint = SFTPEndpoint(
                configuration: server.configuration(
                    reconnect: ReconnectPolicy(attempts: 3, initialDelay: .milliseconds(100))))
            let error = await sessionError(endpoint) { session in try session.list(.root) }
            #expect(error?.code == .connectionFailed)
            // Two waits between three attempts: at least 100 ms + 200 ms.
            #expect(ContinuousClock.now - started >= .milliseconds(300))
        }
    }
}

/// Kills the server (by pid, with its connection processes) once, the first time `fire()` is called.
final class KillSwitch: Sendable {
    private let pid: Int32
    private let state = Mutex(false)

    init(server: TestSSHServer) { pid = server.pid }

    var fired: Bool { state.withLock { $0 } }

    func fire() {
        let first = state.withLock { fired in
            defer { fired = true }
            return !fired
        }
        guard first else { return }
        TestSSHServer.kill(pid)
    }
}

@Suite("SFTP connection failures")
struct SFTPConnectionFailureTests {
    /// An endpoint for a listener that is no SSH server; known_hosts holds an arbitrary ed25519 key.
    static func endpoint(
        port: Int, in folder: LocalRoot, connectTimeout: Duration, attempts: Int
    ) throws -> SFTPEndpoint {
        let knownHosts = folder.path + "/known_hosts"
        let key = "AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl"
        try Data("[127.0.0.1]:\(port) ssh-ed25519 \(key)\n".utf8).write(to: URL(fileURLWithPath: knownHosts))
        return SFTPEndpoint(
            configuration: SFTPConfiguration(
                host: "127.0.0.1", port: port, user: "nobody", authentication: .password("unused"),
                knownHostsPath: knownHosts, connectTimeout: connectTimeout,
                reconnect: ReconnectPolicy(attempts: attempts, initialDelay: .milliseconds(20))))
    }

    /// A server that accepts TCP and hangs up before its banner, as sshd does past `MaxStartups`
    /// (libssh2 rc -43): every attempt of the policy is made, then `.connectionFailed`.
    @Test func retriesAServerThatHangsUpBeforeTheBanner() async throws {
        let listener = try HangUpListener()
        defer { listener.stop() }
        let temporary = TemporaryRoots()
        defer { temporary.removeAll() }
        let endpoint = try Self.endpoint(
            port: listener.port, in: try temporary.make("keys"), connectTimeout: .seconds(2), attempts: 3)
        let error = await sessionError(endpoint) { session in try session.list(.root) }
        #expect(error?.code == .connectionFailed)
        #expect(listener.accepted == 3)
    }

    /// A server that accepts and then says nothing: the connect timeout ends each attempt.
    @Test func givesUpOnAServerThatNeverSendsItsBanner() async throws {
        let listener = try HangUpListener(silent: true)
        defer { listener.stop() }
        let temporary = TemporaryRoots()
        defer { temporary.removeAll() }
        let endpoint = try Self.endpoint(
            port: listener.port, in: try temporary.make("keys"), connectTimeout: .milliseconds(300), attempts: 2)
        let started = ContinuousClock.now
        let error = await sessionError(endpoint) { session in try session.list(.root) }
        #expect(error?.code == .timeout)
        #expect(listener.accepted == 2)
        // Two attempts of 300 ms; the bound only tells "gave up" from "hung": other tests and a loaded machine
        // can hold the shared test threads for long.
        #expect(ContinuousClock.now - started < .seconds(120))
    }
}
