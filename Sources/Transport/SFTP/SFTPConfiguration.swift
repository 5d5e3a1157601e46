/// How to reach and log in to one partner's SFTP server.
public struct SFTPConfiguration: Sendable, CustomStringConvertible {
    public var host: String
    public var port: Int
    public var user: String
    public var authentication: SFTPAuthentication
    /// An OpenSSH known_hosts file (plain or hashed entries). The server's host key must match an entry
    /// for `host` (`[host]:port` when the port is not 22); there is no "accept on first use".
    public var knownHostsPath: String
    /// TCP connect, banner and handshake, each.
    public var connectTimeout: Duration
    /// Each blocking libssh2 call once connected (`libssh2_session_set_timeout`).
    public var operationTimeout: Duration
    /// SSH keepalive interval; zero turns keepalives off.
    public var keepaliveInterval: Duration
    public var reconnect: ReconnectPolicy
    /// Bytes asked of `libssh2_sftp_read` per call; larger buffers let libssh2 keep more reads in flight.
    public var readBufferSize: Int

    public init(
        host: String, port: Int = 22, user: String, authentication: SFTPAuthentication, knownHostsPath: String,
        connectTimeout: Duration = .seconds(15), operationTimeout: Duration = .seconds(60),
        keepaliveInterval: Duration = .seconds(30), reconnect: ReconnectPolicy = ReconnectPolicy(),
        readBufferSize: Int = 1 << 20
    ) {
        self.host = host
        self.port = port
        self.user = user
        self.authentication = authentication
        self.knownHostsPath = knownHostsPath
        self.connectTimeout = connectTimeout
        self.operationTimeout = operationTimeout
        self.keepaliveInterval = keepaliveInterval
        self.reconnect = reconnect
        self.readBufferSize = readBufferSize
    }

    /// `user@host:port`; never a secret.
    public var description: String { "\(user)@\(host):\(port)" }
}

/// How the client proves who it is. Supported key types with Debian 12's libssh2 1.10: ed25519 and ECDSA
/// (nistp256/384/521). RSA keys cannot log in to a current OpenSSH server: libssh2 1.10 signs only with
/// SHA-1 `ssh-rsa`, which OpenSSH refuses by default.
public enum SFTPAuthentication: Sendable, CustomStringConvertible {
    /// A private key file (OpenSSH or PEM format), with its passphrase when it has one.
    case privateKey(path: String, passphrase: String? = nil)
    case password(String)

    /// Names the method, never the secret.
    public var description: String {
        switch self {
        case .privateKey(let path, let passphrase):
            "private key \(path)\(passphrase == nil ? "" : " (with passphrase)")"
        case .password: "password (redacted)"
        }
    }
}

/// Reconnecting after a failed connect: TCP refused, no SSH banner (libssh2 rc -43, which a busy server's
/// `MaxStartups` causes), or a broken handshake. Host-key and login refusals are never retried.
public struct ReconnectPolicy: Sendable {
    /// Connection attempts in all, the first included.
    public var attempts: Int
    public var initialDelay: Duration
    public var maximumDelay: Duration

    public init(attempts: Int = 4, initialDelay: Duration = .milliseconds(250), maximumDelay: Duration = .seconds(8)) {
        self.attempts = max(1, attempts)
        self.initialDelay = initialDelay
        self.maximumDelay = maximumDelay
    }

    /// The delay before attempt `attempt` (1 = the first retry): doubling, capped, with up to 25 % jitter.
    public func delay(beforeRetry attempt: Int) -> Duration {
        let base = initialDelay * Int(1 << min(attempt - 1, 16))
        let capped = min(base, maximumDelay)
        return capped + capped * Double.random(in: 0..<0.25)
    }
}
