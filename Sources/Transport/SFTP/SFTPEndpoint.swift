import Foundation

/// A partner's SFTP server as an endpoint, through libssh2.
///
/// Each `withSession` opens its own TCP connection and SSH session on a dedicated thread, verifies the
/// host key against `configuration.knownHostsPath` (an unknown or changed key is refused, naming its
/// SHA-256 fingerprint), logs in, runs the body, and disconnects. A failed connect is retried with
/// backoff (`ReconnectPolicy`); host-key and login refusals are not.
public struct SFTPEndpoint: Endpoint {
    public let configuration: SFTPConfiguration

    public init(configuration: SFTPConfiguration) { self.configuration = configuration }

    public var label: String { "sftp \(configuration)" }

    public func openSession(cancellation: SessionCancellation) throws -> any EndpointSession {
        SFTPSession(
            connection: try Self.connect(configuration, cancellation: cancellation), configuration: configuration,
            cancellation: cancellation)
    }

    /// Connects, retrying connection failures with backoff; runs on the session's thread.
    static func connect(_ configuration: SFTPConfiguration, cancellation: SessionCancellation) throws -> SSHConnection {
        var attempt = 0
        while true {
            attempt += 1
            try cancellation.check()
            do {
                return try connectOnce(configuration)
            } catch let error as TransportError
                where (error.code == .connectionFailed || error.code == .timeout)
                && attempt < configuration.reconnect.attempts
            {
                let delay = configuration.reconnect.delay(beforeRetry: attempt)
                Thread.sleep(forTimeInterval: delay.secondsValue)
            }
        }
    }

    /// One connection attempt: TCP, handshake limited to the host-key algorithms known_hosts holds for
    /// this host, host-key check, login, SFTP channel, keepalive.
    static func connectOnce(_ configuration: SFTPConfiguration) throws -> SSHConnection {
        let knownHosts = try KnownHosts(path: configuration.knownHostsPath)
        let algorithms = knownHosts.algorithms(forHost: configuration.host, port: configuration.port)
        let connection = SSHConnection(label: configuration.description)
        do {
            try connection.connectSocket(
                host: configuration.host, port: configuration.port, timeout: configuration.connectTimeout)
            try connection.handshake(hostKeyAlgorithms: algorithms, timeout: configuration.connectTimeout)
            let key = try connection.hostKey()
            let hostName = KnownHosts.hostName(configuration.host, port: configuration.port)
            switch try connection.check(
                key, knownHostsPath: configuration.knownHostsPath, host: configuration.host, port: configuration.port)
            {
            case .match:
                break
            case .mismatch:
                throw TransportError(
                    code: .hostKeyChanged, path: configuration.knownHostsPath,
                    message: "the \(key.algorithmName) host key of \(hostName) is \(key.fingerprint), which differs"
                        + " from known_hosts; refused (check with the partner before changing known_hosts)")
            case .notFound, .failure:
                throw TransportError(
                    code: .hostKeyUnknown, path: configuration.knownHostsPath,
                    message: "no known_hosts entry for \(hostName) matches its \(key.algorithmName) host key"
                        + " \(key.fingerprint); refused (add the key once it is confirmed with the partner)")
            }
            try connection.authenticate(user: configuration.user, with: configuration.authentication)
            try connection.startSFTP()
            connection.setTimeout(configuration.operationTimeout)
            connection.configureKeepalive(interval: configuration.keepaliveInterval)
            return connection
        } catch {
            connection.close()
            throw error
        }
    }
}
