internal import CLibSSH2
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Every call into libssh2 (and the socket it runs over) is in this file: one place to read, log and fake.
// libssh2 is used in blocking mode with a session timeout, on the session's own thread (see `BlockingThread`).

/// `libssh2_init(0)` runs once per process (it is not thread-safe); a `static let` runs it exactly once.
enum LibSSH2Library {
    static let initResult: Int32 = libssh2_init(0)

    static func ensureInitialized() throws {
        guard initResult == 0 else {
            throw TransportError(
                code: .connectionFailed, message: "libssh2_init failed",
                underlying: SystemCallError(
                    function: "libssh2_init", code: initResult, message: "initialisation failed"))
        }
    }
}

/// A host key as the server presented it.
struct PresentedHostKey {
    var raw: [UInt8]
    /// `LIBSSH2_HOSTKEY_TYPE_*`.
    var type: Int32
    /// `SHA256:<base64 without padding>`, as `ssh-keygen -lf` prints it.
    var fingerprint: String

    var algorithmName: String {
        switch type {
        case LIBSSH2_HOSTKEY_TYPE_ED25519: "ssh-ed25519"
        case LIBSSH2_HOSTKEY_TYPE_ECDSA_256: "ecdsa-sha2-nistp256"
        case LIBSSH2_HOSTKEY_TYPE_ECDSA_384: "ecdsa-sha2-nistp384"
        case LIBSSH2_HOSTKEY_TYPE_ECDSA_521: "ecdsa-sha2-nistp521"
        case LIBSSH2_HOSTKEY_TYPE_RSA: "ssh-rsa"
        case LIBSSH2_HOSTKEY_TYPE_DSS: "ssh-dss"
        default: "unknown"
        }
    }

    /// The `LIBSSH2_KNOWNHOST_KEY_*` bit for the check; without it libssh2 compares against entries of
    /// other key types and reports a false "changed".
    var knownHostKeyBit: Int32 {
        switch type {
        case LIBSSH2_HOSTKEY_TYPE_ED25519: LIBSSH2_KNOWNHOST_KEY_ED25519
        case LIBSSH2_HOSTKEY_TYPE_ECDSA_256: LIBSSH2_KNOWNHOST_KEY_ECDSA_256
        case LIBSSH2_HOSTKEY_TYPE_ECDSA_384: LIBSSH2_KNOWNHOST_KEY_ECDSA_384
        case LIBSSH2_HOSTKEY_TYPE_ECDSA_521: LIBSSH2_KNOWNHOST_KEY_ECDSA_521
        case LIBSSH2_HOSTKEY_TYPE_RSA: LIBSSH2_KNOWNHOST_KEY_SSHRSA
        case LIBSSH2_HOSTKEY_TYPE_DSS: LIBSSH2_KNOWNHOST_KEY_SSHDSS
        default: LIBSSH2_KNOWNHOST_KEY_UNKNOWN
        }
    }
}

enum KnownHostCheck { case match, mismatch, notFound, failure }

/// SFTP file attributes, decoded.
struct SFTPAttributes {
    var size: Int64?
    var modified: Int64?
    var permissions: UInt?

    var kind: RemoteEntry.Kind {
        guard let permissions else { return .other }
        switch permissions & UInt(LIBSSH2_SFTP_S_IFMT) {
        case UInt(LIBSSH2_SFTP_S_IFREG): return .file
        case UInt(LIBSSH2_SFTP_S_IFDIR): return .folder
        default: return .other
        }
    }

    init(_ attributes: LIBSSH2_SFTP_ATTRIBUTES) {
        let flags = attributes.flags
        size = flags & UInt(LIBSSH2_SFTP_ATTR_SIZE) != 0 ? Int64(attributes.filesize) : nil
        modified = flags & UInt(LIBSSH2_SFTP_ATTR_ACMODTIME) != 0 ? Int64(attributes.mtime) : nil
        permissions = flags & UInt(LIBSSH2_SFTP_ATTR_PERMISSIONS) != 0 ? attributes.permissions : nil
    }
}

/// An open SFTP file or directory handle; closed through `SSHConnection.close(_:)`.
struct SFTPHandle {
    let pointer: OpaquePointer
}

/// One TCP socket, SSH session and SFTP channel. Deliberately not `Sendable`: libssh2 handles may be
/// used by one thread at a time, so a connection lives and dies inside one session's thread.
final class SSHConnection {
    private var socket: Int32 = -1
    private var session: OpaquePointer?
    private var sftp: OpaquePointer?
    /// `user@host:port`, for errors.
    let label: String

    init(label: String) { self.label = label }

    deinit { close() }

    // MARK: - Connect

    /// Resolves `host` and connects a blocking TCP socket within `timeout`.
    func connectSocket(host: String, port: Int, timeout: Duration) throws {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        let rc = getaddrinfo(host, String(port), &hints, &list)
        guard rc == 0, let first = list else {
            throw TransportError(
                code: .connectionFailed, path: nil, message: "cannot resolve \(host)",
                underlying: SystemCallError(
                    function: "getaddrinfo", code: rc, message: String(cString: gai_strerror(rc))))
        }
        defer { freeaddrinfo(first) }
        var lastErrno: Int32 = 0
        var candidate: UnsafeMutablePointer<addrinfo>? = first
        while let info = candidate {
            candidate = info.pointee.ai_next
            let fd = Glibc.socket(info.pointee.ai_family, info.pointee.ai_socktype, info.pointee.ai_protocol)
            if fd < 0 {
                lastErrno = errno
                continue
            }
            let flags = fcntl(fd, F_GETFL)
            _ = fcntl(fd, F_SETFL, flags | O_NONBLOCK)
            var result = Glibc.connect(fd, info.pointee.ai_addr, info.pointee.ai_addrlen)
            if result != 0 && errno == EINPROGRESS {
                var poller = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
                let ms = Int32(clamping: timeout.wholeMilliseconds)
                if poll(&poller, 1, ms) == 1 {
                    var error: Int32 = 0
                    var length = socklen_t(MemoryLayout<Int32>.size)
                    getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length)
                    result = error == 0 ? 0 : -1
                    if error != 0 { errno = error }
                } else {
                    errno = ETIMEDOUT
                    result = -1
                }
            }
            if result == 0 {
                _ = fcntl(fd, F_SETFL, flags & ~O_NONBLOCK)
                var one: Int32 = 1
                setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
                socket = fd
                return
            }
            lastErrno = errno
            Glibc.close(fd)
        }
        throw TransportError(
            code: lastErrno == ETIMEDOUT ? .timeout : .connectionFailed, message: "cannot connect to \(label)",
            underlying: SystemCallError(
                function: "connect", code: lastErrno, message: String(cString: strerror(lastErrno))))
    }

    /// Creates the session (blocking, with `timeout`), restricts host-key algorithms to `hostKeyAlgorithms`
    /// when given, and runs the SSH handshake.
    func handshake(hostKeyAlgorithms: [String], timeout: Duration) throws {
        try LibSSH2Library.ensureInitialized()
        guard let session = clibssh2_session_init() else {
            throw TransportError(code: .connectionFailed, message: "libssh2_session_init failed for \(label)")
        }
        self.session = session
        libssh2_session_set_blocking(session, 1)
        setTimeout(timeout)
        if !hostKeyAlgorithms.isEmpty {
            let rc = libssh2_session_method_pref(
                session, LIBSSH2_METHOD_HOSTKEY, hostKeyAlgorithms.joined(separator: ","))
            if rc != 0 {
                throw failure(.connectionFailed, rc: rc, "host-key algorithms \(hostKeyAlgorithms) not supported")
            }
        }
        let rc = libssh2_session_handshake(session, socket)
        if rc != 0 { throw failure(.connectionFailed, rc: rc, "SSH handshake with \(label) failed") }
    }

    func setTimeout(_ timeout: Duration) {
        guard let session else { return }
        libssh2_session_set_timeout(session, Int(timeout.wholeMilliseconds))
    }

    /// The server's host key and its SHA-256 fingerprint.
    func hostKey() throws -> PresentedHostKey {
        guard let session else { throw TransportError(code: .connectionFailed, message: "no session") }
        var length = 0
        var type: Int32 = 0
        guard let key = libssh2_session_hostkey(session, &length, &type), length > 0 else {
            throw failure(.connectionFailed, rc: -1, "the server presented no host key")
        }
        let raw = [UInt8](UnsafeRawBufferPointer(start: key, count: length))
        var fingerprint = "SHA256:?"
        if let hash = libssh2_hostkey_hash(session, LIBSSH2_HOSTKEY_HASH_SHA256) {
            let digest = Data(bytes: hash, count: 32)
            fingerprint = "SHA256:" + digest.base64EncodedString().replacingOccurrences(of: "=", with: "")
        }
        return PresentedHostKey(raw: raw, type: type, fingerprint: fingerprint)
    }

    /// Checks `key` against the known_hosts file with `libssh2_knownhost_checkp`.
    func check(_ key: PresentedHostKey, knownHostsPath: String, host: String, port: Int) throws -> KnownHostCheck {
        guard let session, let hosts = libssh2_knownhost_init(session) else {
            throw TransportError(
                code: .knownHostsUnreadable, path: knownHostsPath, message: "libssh2_knownhost_init failed")
        }
        defer { libssh2_knownhost_free(hosts) }
        let count = libssh2_knownhost_readfile(hosts, knownHostsPath, LIBSSH2_KNOWNHOST_FILE_OPENSSH)
        if count < 0 {
            throw failure(.knownHostsUnreadable, rc: count, "cannot read the known_hosts file", path: knownHostsPath)
        }
        let mask = LIBSSH2_KNOWNHOST_TYPE_PLAIN | LIBSSH2_KNOWNHOST_KEYENC_RAW | key.knownHostKeyBit
        let result = key.raw.withUnsafeBytes { bytes in
            libssh2_knownhost_checkp(
                hosts, host, Int32(port), bytes.baseAddress?.assumingMemoryBound(to: CChar.self), bytes.count, mask, nil
            )
        }
        switch result {
        case LIBSSH2_KNOWNHOST_CHECK_MATCH: return .match
        case LIBSSH2_KNOWNHOST_CHECK_MISMATCH: return .mismatch
        case LIBSSH2_KNOWNHOST_CHECK_NOTFOUND: return .notFound
        default: return .failure
        }
    }

    /// Logs in with a key file or a password.
    func authenticate(user: String, with authentication: SFTPAuthentication) throws {
        guard let session else { throw TransportError(code: .connectionFailed, message: "no session") }
        let rc: Int32
        switch authentication {
        case .privateKey(let path, let passphrase):
            rc = libssh2_userauth_publickey_fromfile_ex(session, user, UInt32(user.utf8.count), nil, path, passphrase)
        case .password(let password):
            rc = libssh2_userauth_password_ex(
                session, user, UInt32(user.utf8.count), password, UInt32(password.utf8.count), nil)
        }
        if rc != 0 || libssh2_userauth_authenticated(session) == 0 {
            throw failure(.authenticationFailed, rc: rc, "login as \(user) with \(authentication) refused by \(label)")
        }
    }

    /// Opens the SFTP channel.
    func startSFTP() throws {
        guard let session else { throw TransportError(code: .connectionFailed, message: "no session") }
        guard let sftp = libssh2_sftp_init(session) else {
            throw failure(.connectionFailed, rc: libssh2_session_last_errno(session), "cannot start SFTP on \(label)")
        }
        self.sftp = sftp
    }

    func configureKeepalive(interval: Duration) {
        guard let session, interval > .zero else { return }
        libssh2_keepalive_config(session, 1, UInt32(clamping: interval.components.seconds))
    }

    /// Sends a keepalive when one is due (`libssh2_keepalive_send`).
    func keepalive() throws {
        guard let session else { return }
        var next: Int32 = 0
        let rc = libssh2_keepalive_send(session, &next)
        if rc != 0 { throw failure(.connectionLost, rc: rc, "keepalive to \(label) failed") }
    }

    // MARK: - SFTP

    func openFile(_ path: String, write: Bool, exclusive: Bool = false) throws -> SFTPHandle {
        let sftp = try channel()
        var flags = UInt(write ? LIBSSH2_FXF_WRITE | LIBSSH2_FXF_CREAT : LIBSSH2_FXF_READ)
        if exclusive { flags |= UInt(LIBSSH2_FXF_EXCL) }
        guard
            let handle = libssh2_sftp_open_ex(sftp, path, UInt32(path.utf8.count), flags, 0o644, LIBSSH2_SFTP_OPENFILE)
        else { throw sftpFailure(write ? .upload : .download, path: path, "cannot open") }
        return SFTPHandle(pointer: handle)
    }

    func openDirectory(_ path: String) throws -> SFTPHandle {
        let sftp = try channel()
        guard let handle = libssh2_sftp_open_ex(sftp, path, UInt32(path.utf8.count), 0, 0, LIBSSH2_SFTP_OPENDIR) else {
            throw sftpFailure(.list, path: path, "cannot open the folder")
        }
        return SFTPHandle(pointer: handle)
    }

    /// Reads into `buffer`; 0 is the end of the file.
    func read(_ handle: SFTPHandle, into buffer: UnsafeMutableRawBufferPointer, path: String) throws -> Int {
        let n = libssh2_sftp_read(handle.pointer, buffer.baseAddress?.assumingMemoryBound(to: CChar.self), buffer.count)
        if n < 0 { throw sftpFailure(.download, path: path, "read failed", rc: Int32(n)) }
        return n
    }

    /// Writes some of `buffer`; returns how much was taken.
    func write(_ handle: SFTPHandle, _ buffer: UnsafeRawBufferPointer, path: String) throws -> Int {
        let n = libssh2_sftp_write(
            handle.pointer, buffer.baseAddress?.assumingMemoryBound(to: CChar.self), buffer.count)
        if n < 0 { throw sftpFailure(.upload, path: path, "write failed", rc: Int32(n)) }
        return n
    }

    /// Asks the server to flush the file (OpenSSH's `fsync@openssh.com`); a server without it is accepted.
    func fsync(_ handle: SFTPHandle, path: String) throws {
        let rc = libssh2_sftp_fsync(handle.pointer)
        if rc == 0 { return }
        if rc == LIBSSH2_ERROR_SFTP_PROTOCOL, let sftp, libssh2_sftp_last_error(sftp) == UInt(LIBSSH2_FX_OP_UNSUPPORTED)
        {
            return
        }
        throw sftpFailure(.upload, path: path, "fsync failed", rc: rc)
    }

    /// The next directory entry's raw name bytes and attributes; nil at the end.
    func readDirectory(_ handle: SFTPHandle, path: String) throws -> ([UInt8], SFTPAttributes)? {
        var attributes = LIBSSH2_SFTP_ATTRIBUTES()
        var buffer = [CChar](repeating: 0, count: 1024)
        let n = libssh2_sftp_readdir_ex(handle.pointer, &buffer, buffer.count, nil, 0, &attributes)
        if n < 0 { throw sftpFailure(.list, path: path, "cannot read the folder", rc: n) }
        if n == 0 { return nil }
        let name = buffer[0..<Int(n)].map { UInt8(bitPattern: $0) }
        return (name, SFTPAttributes(attributes))
    }

    func close(_ handle: SFTPHandle) {
        _ = libssh2_sftp_close_handle(handle.pointer)
    }

    /// `lstat` of `path`; nil when it does not exist.
    func stat(_ path: String) throws -> SFTPAttributes? {
        let sftp = try channel()
        var attributes = LIBSSH2_SFTP_ATTRIBUTES()
        let rc = libssh2_sftp_stat_ex(sftp, path, UInt32(path.utf8.count), LIBSSH2_SFTP_LSTAT, &attributes)
        if rc == 0 { return SFTPAttributes(attributes) }
        let error = sftpFailure(.stat, path: path, "cannot stat", rc: rc)
        if error.code == .notFound { return nil }
        throw error
    }

    /// SFTP v3 rename: never replaces an existing target on OpenSSH (it fails with status 4 instead).
    func rename(_ from: String, to: String) throws {
        let sftp = try channel()
        let flags = Int(LIBSSH2_SFTP_RENAME_ATOMIC | LIBSSH2_SFTP_RENAME_NATIVE)
        let rc = libssh2_sftp_rename_ex(sftp, from, UInt32(from.utf8.count), to, UInt32(to.utf8.count), flags)
        if rc != 0 { throw sftpFailure(.rename, path: from, "cannot rename to \(to)", rc: rc) }
    }

    func unlink(_ path: String) throws {
        let sftp = try channel()
        let rc = libssh2_sftp_unlink_ex(sftp, path, UInt32(path.utf8.count))
        if rc != 0 { throw sftpFailure(.delete, path: path, "cannot delete", rc: rc) }
    }

    func makeDirectory(_ path: String) throws {
        let sftp = try channel()
        let rc = libssh2_sftp_mkdir_ex(sftp, path, UInt32(path.utf8.count), 0o755)
        if rc != 0 { throw sftpFailure(.makeFolder, path: path, "cannot create the folder", rc: rc) }
    }

    // MARK: - Teardown

    /// Shuts SFTP down, says goodbye, frees the session and closes the socket, in that order.
    func close() {
        if let sftp {
            libssh2_sftp_shutdown(sftp)
            self.sftp = nil
        }
        if let session {
            libssh2_session_disconnect_ex(session, SSH_DISCONNECT_BY_APPLICATION, "bye", "")
            libssh2_session_free(session)
            self.session = nil
        }
        if socket >= 0 {
            Glibc.close(socket)
            socket = -1
        }
    }

    // MARK: - Errors

    private func channel() throws -> OpaquePointer {
        guard let sftp else { throw TransportError(code: .connectionLost, message: "no SFTP channel to \(label)") }
        return sftp
    }

    /// The session's last error as a `TransportError`; connection-level failures get their own codes.
    private func failure(_ code: TransportError.Code, rc: Int32, _ message: String, path: String? = nil)
        -> TransportError
    {
        var text: UnsafeMutablePointer<CChar>?
        var length: Int32 = 0
        var number = rc
        var detail = ""
        if let session {
            number = libssh2_session_last_error(session, &text, &length, 0)
            if let text { detail = String(cString: text) }
            if number == 0 { number = rc }
        }
        var resolved = code
        switch number {
        case LIBSSH2_ERROR_TIMEOUT, LIBSSH2_ERROR_SOCKET_TIMEOUT:
            resolved = .timeout
        case LIBSSH2_ERROR_SOCKET_RECV, LIBSSH2_ERROR_SOCKET_SEND, LIBSSH2_ERROR_SOCKET_DISCONNECT,
            LIBSSH2_ERROR_BANNER_RECV, LIBSSH2_ERROR_CHANNEL_CLOSED, LIBSSH2_ERROR_CHANNEL_EOF_SENT:
            if code != .connectionFailed { resolved = .connectionLost }
        default:
            break
        }
        return TransportError(
            code: resolved, path: path, message: message,
            underlying: SystemCallError(function: "libssh2", code: number, message: detail))
    }

    /// Like `failure`, reading the SFTP status when the server answered with one.
    private func sftpFailure(_ code: TransportError.Code, path: String, _ message: String, rc: Int32? = nil)
        -> TransportError
    {
        let number = rc ?? (session.map { libssh2_session_last_errno($0) } ?? -1)
        if number == LIBSSH2_ERROR_SFTP_PROTOCOL, let sftp {
            let status = libssh2_sftp_last_error(sftp)
            let resolved: TransportError.Code
            switch status {
            case UInt(LIBSSH2_FX_NO_SUCH_FILE), UInt(LIBSSH2_FX_NO_SUCH_PATH): resolved = .notFound
            case UInt(LIBSSH2_FX_PERMISSION_DENIED), UInt(LIBSSH2_FX_WRITE_PROTECT): resolved = .permissionDenied
            case UInt(LIBSSH2_FX_FILE_ALREADY_EXISTS): resolved = .conflict
            default: resolved = code
            }
            return TransportError(
                code: resolved, path: path, message: message,
                underlying: SystemCallError(function: "sftp", code: Int32(status), message: "SFTP status \(status)"))
        }
        return failure(code, rc: number, message, path: path)
    }
}
