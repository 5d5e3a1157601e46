import Foundation
import TestSupport
import Transport

#if canImport(Glibc)
import Glibc
#endif

/// A real OpenSSH `sshd` on 127.0.0.1, started for one test with throwaway ed25519 host and user keys
/// and `internal-sftp` rooted at a temporary folder. Missing `sshd` is a failure, never a skip.
final class TestSSHServer {
    struct Failure: Error, CustomStringConvertible { let description: String }

    let directory: URL
    /// The SFTP user's start folder: relative remote paths resolve here.
    let dataRoot: URL
    let port: Int
    let userKey: URL
    /// An ECDSA user key protected by `userKeyPassphrase`.
    let ecdsaUserKey: URL
    let userKeyPassphrase = "correct horse"
    /// known_hosts holding the server's real ed25519 key for `[127.0.0.1]:port`.
    let knownHosts: URL
    /// The server's ed25519 fingerprint, `SHA256:...`, as ssh-keygen prints it.
    let hostFingerprint: String
    private let config: URL
    private let sshd: URL
    /// The running sshd's process id (0 when stopped).
    private(set) var pid: pid_t = 0

    /// The account that logs in by password, when the server was started with one.
    let passwordAccount: PasswordAccount?

    /// Starts a server, with a free port, keys and config in a new temporary folder. With `passwordAccount`,
    /// password authentication is on and that account may log in too.
    init(passwordAccount: PasswordAccount? = nil) throws {
        self.passwordAccount = passwordAccount
        guard let sshd = Self.findExecutable("sshd", extraFolders: ["/usr/sbin", "/usr/local/sbin", "/sbin"]) else {
            throw Failure(
                description: "sshd (openssh-server) is not installed; the SFTP tests need it: run `make deps`")
        }
        self.sshd = sshd
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("crossdock-sshd-\(UUID().uuidString)")
        dataRoot = directory.appendingPathComponent("data")
        try FileManager.default.createDirectory(at: dataRoot, withIntermediateDirectories: true)
        let keys = directory.appendingPathComponent("keys")
        try FileManager.default.createDirectory(at: keys, withIntermediateDirectories: true)
        try Self.keygen(["-t", "ed25519", "-N", "", "-f", keys.appendingPathComponent("host_ed25519").path])
        try Self.keygen(["-t", "ecdsa", "-N", "", "-f", keys.appendingPathComponent("host_ecdsa").path])
        userKey = keys.appendingPathComponent("user_ed25519")
        try Self.keygen(["-t", "ed25519", "-N", "", "-f", userKey.path])
        ecdsaUserKey = keys.appendingPathComponent("user_ecdsa")
        try Self.keygen(["-t", "ecdsa", "-N", userKeyPassphrase, "-f", ecdsaUserKey.path])
        let authorized =
            try String(contentsOf: userKey.appendingPathExtension("pub"), encoding: .utf8)
            + String(contentsOf: ecdsaUserKey.appendingPathExtension("pub"), encoding: .utf8)
        try authorized.write(to: keys.appendingPathComponent("authorized_keys"), atomically: true, encoding: .utf8)

        port = try Self.freePort()
        let hostPub = try String(contentsOf: keys.appendingPathComponent("host_ed25519.pub"), encoding: .utf8)
        let fields = hostPub.split(separator: " ")
        knownHosts = directory.appendingPathComponent("known_hosts")
        try "[127.0.0.1]:\(port) \(fields[0]) \(fields[1])\n".write(to: knownHosts, atomically: true, encoding: .utf8)
        let fingerprint = try Self.run(
            "ssh-keygen", ["-l", "-E", "sha256", "-f", keys.appendingPathComponent("host_ed25519.pub").path])
        hostFingerprint = String(fingerprint.split(separator: " ")[1])

        config = directory.appendingPathComponent("sshd_config")
        let users = [Self.userName] + (passwordAccount.map { [$0.user] } ?? [])
        try """
        Port \(port)
        ListenAddress 127.0.0.1
        HostKey \(keys.appendingPathComponent("host_ed25519").path)
        HostKey \(keys.appendingPathComponent("host_ecdsa").path)
        PidFile \(directory.appendingPathComponent("sshd.pid").path)
        AuthorizedKeysFile \(keys.appendingPathComponent("authorized_keys").path)
        StrictModes no
        PubkeyAuthentication yes
        PasswordAuthentication \(passwordAccount == nil ? "no" : "yes")
        KbdInteractiveAuthentication no
        PermitRootLogin prohibit-password
        AllowUsers \(users.joined(separator: " "))
        UsePAM no
        X11Forwarding no
        AllowTcpForwarding no
        AllowAgentForwarding no
        PermitTTY no
        Subsystem sftp internal-sftp -d \(dataRoot.path)
        ForceCommand internal-sftp -d \(dataRoot.path)
        MaxStartups 100
        LogLevel VERBOSE

        """.write(to: config, atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: "/run/sshd", withIntermediateDirectories: true)
        let check = try runCommand(sshd, ["-t", "-f", config.path])
        guard check.status == 0 else { throw Failure(description: "sshd -t rejected the test config: \(check.stderr)") }
        try start()
    }

    deinit { stop() }

    /// Starts sshd (again) on the same port with the same keys, and waits until it accepts connections.
    ///
    /// sshd is spawned with `posix_spawn`, not Foundation's `Process`: sshd closes every inherited
    /// descriptor, which `Process` (on Linux) takes for an exit, and it then blocks in `waitpid` for good.
    func start() throws {
        let log = directory.appendingPathComponent("sshd.log").path
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        let arguments = [sshd.path, "-D", "-e", "-f", config.path]
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var child: pid_t = 0
        let rc = posix_spawn(&child, sshd.path, &actions, nil, &argv, environ)
        guard rc == 0 else { throw Failure(description: "cannot spawn sshd: \(String(cString: strerror(rc)))") }
        pid = child
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            if Self.canConnect(port: port) { return }
            var status: Int32 = 0
            if waitpid(child, &status, WNOHANG) == child {
                pid = 0
                break
            }
            usleep(20_000)
        }
        throw Failure(description: "sshd did not start on port \(port); see \(log)")
    }

    /// Kills sshd and every connection process it forked (SIGKILL, by pid), as a crash would, and reaps it.
    func kill() {
        guard pid > 0 else { return }
        Self.kill(pid)
        var status: Int32 = 0
        _ = waitpid(pid, &status, 0)
        pid = 0
    }

    /// SIGKILLs `master` and every process below it.
    static func kill(_ master: Int32) {
        guard master > 0 else { return }
        for pid in descendants(of: master) { Glibc.kill(pid, SIGKILL) }
        Glibc.kill(master, SIGKILL)
    }

    /// Stops the server and removes its folder.
    func stop() {
        kill()
        try? FileManager.default.removeItem(at: directory)
    }

    /// A configuration for this server, logging in with the ed25519 user key.
    func configuration(
        user: String = TestSSHServer.userName, knownHosts: URL? = nil, authentication: SFTPAuthentication? = nil,
        reconnect: ReconnectPolicy = ReconnectPolicy(attempts: 2, initialDelay: .milliseconds(50)),
        readBufferSize: Int = 1 << 20
    ) -> SFTPConfiguration {
        SFTPConfiguration(
            host: "127.0.0.1", port: port, user: user,
            authentication: authentication ?? .privateKey(path: userKey.path),
            knownHostsPath: (knownHosts ?? self.knownHosts).path, connectTimeout: .seconds(5),
            operationTimeout: .seconds(10), keepaliveInterval: .seconds(5), reconnect: reconnect,
            readBufferSize: readBufferSize)
    }

    func endpoint(readBufferSize: Int = 1 << 20) -> SFTPEndpoint {
        SFTPEndpoint(configuration: configuration(readBufferSize: readBufferSize))
    }

    /// What sshd logged so far.
    func log() throws -> String {
        try String(contentsOf: directory.appendingPathComponent("sshd.log"), encoding: .utf8)
    }

    /// Writes a file straight into the server's folder (as a partner's upload would land).
    func place(_ relative: String, _ bytes: [UInt8], modified: Date? = nil) throws {
        let url = dataRoot.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
        if let modified { try FileManager.default.setAttributes([.modificationDate: modified], ofItemAtPath: url.path) }
    }

    func contents(_ relative: String) -> [UInt8]? {
        FileManager.default.contents(atPath: dataRoot.appendingPathComponent(relative).path).map { [UInt8]($0) }
    }

    func names(in relative: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: dataRoot.appendingPathComponent(relative).path)) ?? [])
            .sorted()
    }

    // MARK: - Helpers

    /// The user the tests run as (root on CI); sshd lets only this user in.
    static let userName: String = getpwuid(getuid()).map { String(cString: $0.pointee.pw_name) } ?? "root"

    static func findExecutable(_ name: String, extraFolders: [String] = []) -> URL? {
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
        for folder in path + extraFolders {
            let candidate = URL(fileURLWithPath: folder).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }

    @discardableResult
    static func run(_ tool: String, _ arguments: [String]) throws -> String {
        guard let executable = findExecutable(tool) else { throw Failure(description: "\(tool) not found") }
        let result = try runCommand(executable, arguments)
        guard result.status == 0 else {
            throw Failure(description: "\(tool) \(arguments.joined(separator: " ")) failed: \(result.stderr)")
        }
        return result.stdout
    }

    /// Runs a tool from the system's sbin folders (useradd, chpasswd), failing with its stderr.
    static func runSystemTool(_ tool: String, _ arguments: [String]) throws {
        guard let executable = findExecutable(tool, extraFolders: ["/usr/sbin", "/sbin"]) else {
            throw Failure(description: "\(tool) not found")
        }
        let result = try runCommand(executable, arguments)
        guard result.status == 0 else {
            throw Failure(description: "\(tool) \(arguments.joined(separator: " ")) failed: \(result.stderr)")
        }
    }

    static func keygen(_ arguments: [String]) throws {
        try run("ssh-keygen", ["-q"] + arguments + ["-C", "crossdock-test"])
    }

    /// A port the kernel just handed out on 127.0.0.1.
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(fd, pointer, length) == 0 && getsockname(fd, pointer, &length) == 0
            }
        }
        guard bound else { throw Failure(description: "cannot find a free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    static func canConnect(port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }

    /// Every process below `root`, read from /proc (sshd's connection children call setsid, so a process
    /// group would not reach them).
    static func descendants(of root: Int32) -> [Int32] {
        var parents: [Int32: Int32] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] {
            guard let pid = Int32(name),
                let stat = try? String(contentsOfFile: "/proc/\(name)/stat", encoding: .utf8),
                let close = stat.lastIndex(of: ")")
            else { continue }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            if fields.count > 1, let parent = Int32(fields[1]) { parents[pid] = parent }
        }
        var result: [Int32] = []
        var frontier: Set<Int32> = [root]
        while !frontier.isEmpty {
            let children = parents.filter { frontier.contains($0.value) }.map(\.key)
            result += children
            frontier = Set(children)
        }
        return result
    }
}

/// Runs `body` with a fresh server, stopped afterwards whatever happens.
func withSSHServer<T>(
    passwordAccount: PasswordAccount? = nil, _ body: (TestSSHServer) async throws -> T
) async throws -> T {
    let server = try TestSSHServer(passwordAccount: passwordAccount)
    defer { server.stop() }
    return try await body(server)
}

/// Temporary folders as `LocalRoot`s, removed together by `removeAll()` (call it in a `defer`).
final class TemporaryRoots {
    private var roots: [LocalRoot] = []

    func make(_ label: String) throws -> LocalRoot {
        let root = try makeTemporaryRoot(label)
        roots.append(root)
        return root
    }

    func removeAll() { for root in roots { removeTemporaryRoot(root) } }
}

/// A fresh temporary folder as a `LocalRoot`, removed by the caller with `removeTemporaryRoot`.
func makeTemporaryRoot(_ label: String = "root") throws -> LocalRoot {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("crossdock-\(label)-\(UUID().uuidString)")
    return try LocalRoot(url.path, create: true)
}

func removeTemporaryRoot(_ root: LocalRoot) {
    try? FileManager.default.removeItem(atPath: root.path)
}

/// Lowercase hexadecimal SHA-256 of `bytes`, computed by `sha256sum` (independent of the code under test).
func sha256Hex(of bytes: [UInt8]) throws -> String {
    guard let tool = TestSSHServer.findExecutable("sha256sum") else {
        throw TestSSHServer.Failure(description: "sha256sum not found")
    }
    let output = try runCommand(tool, [], stdin: Data(bytes))
    return String(output.stdout.prefix(64))
}

/// A system account for password logins against the test sshd (`UsePAM no`: sshd checks /etc/shadow itself,
/// which only works for a real account and an sshd running as root).
///
/// Either given by the developer as `CROSSDOCK_TEST_SFTP_PASSWORD_ACCOUNT=user:password`, or, when the tests run
/// as root (as on CI), the locked no-login system account `crossdock-sftp-test`, created when missing, that gets
/// a fresh random password once per test process. That password exists only in this process's memory.
struct PasswordAccount: Sendable {
    let user: String
    let password: String

    static let accountName = "crossdock-sftp-test"

    /// The account, or why it could not be prepared; nil when neither the environment names one nor the tests
    /// run as root.
    static let shared: Result<PasswordAccount, TestSSHServer.Failure>? = {
        if let given = ProcessInfo.processInfo.environment["CROSSDOCK_TEST_SFTP_PASSWORD_ACCOUNT"] {
            guard let colon = given.firstIndex(of: ":") else {
                return .failure(.init(description: "CROSSDOCK_TEST_SFTP_PASSWORD_ACCOUNT must be user:password"))
            }
            return .success(
                PasswordAccount(user: String(given[..<colon]), password: String(given[given.index(after: colon)...])))
        }
        guard getuid() == 0 else { return nil }
        do { return .success(try prepareSystemAccount()) } catch let failure as TestSSHServer.Failure {
            return .failure(failure)
        } catch { return .failure(.init(description: "\(error)")) }
    }()

    private static func prepareSystemAccount() throws -> PasswordAccount {
        if getpwnam(accountName) == nil {
            try TestSSHServer.runSystemTool(
                "useradd", ["--system", "--no-create-home", "--home-dir", "/nonexistent",
                            "--shell", "/usr/sbin/nologin", accountName])
        }
        var random = SystemRandomNumberGenerator()
        let alphabet = Array("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        let password = String((0..<24).map { _ in alphabet[Int(random.next(upperBound: UInt64(alphabet.count)))] })
        guard let chpasswd = TestSSHServer.findExecutable("chpasswd", extraFolders: ["/usr/sbin", "/sbin"]) else {
            throw TestSSHServer.Failure(description: "chpasswd not found")
        }
        let result = try runCommand(chpasswd, [], stdin: Data("\(accountName):\(password)\n".utf8))
        guard result.status == 0 else {
            throw TestSSHServer.Failure(description: "chpasswd failed: \(result.stderr)")
        }
        return PasswordAccount(user: accountName, password: password)
    }
}
