public import Delivery
public import Transport

/// A named place files are read from or written to: a local folder or an SFTP server.
public struct EndpointSettings: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case folder(FolderEndpointSettings)
        case sftp(SFTPEndpointSettings)
    }

    public var id: EndpointID
    public var kind: Kind

    public init(id: EndpointID, kind: Kind) {
        self.id = id
        self.kind = kind
    }

    /// The Transport endpoint. A folder endpoint's root is resolved (and created, when `create` is set) now.
    /// - Throws: `TransportError` when the folder cannot be resolved or created.
    public func makeEndpoint() throws -> any Endpoint {
        switch kind {
        case .folder(let folder):
            return FolderEndpoint(root: try LocalRoot(folder.path, create: folder.create))
        case .sftp(let sftp):
            return SFTPEndpoint(configuration: sftp.configuration)
        }
    }
}

/// A local folder (a hub's drop folder, a partner's outbound folder).
public struct FolderEndpointSettings: Sendable, Hashable {
    /// Absolute path (a relative one in the file was resolved against the file's folder).
    public var path: String
    /// Create the folder at start when it is missing; off by default, so that an unmounted share is noticed.
    public var create: Bool

    public init(path: String, create: Bool = false) {
        self.path = path
        self.create = create
    }
}

/// A partner's SFTP server.
public struct SFTPEndpointSettings: Sendable, Hashable {
    public enum Authentication: Sendable, Hashable {
        /// An absolute key file path, and its passphrase when it has one.
        case privateKey(path: String, passphrase: Secret?)
        case password(Secret)
    }

    public var host: String
    public var port: Int
    public var user: String
    /// Absolute path of the OpenSSH known_hosts file the server's key must be in.
    public var knownHosts: String
    public var authentication: Authentication
    public var connectTimeout: Duration
    public var operationTimeout: Duration
    /// Zero turns keepalives off.
    public var keepalive: Duration

    public init(
        host: String, port: Int = 22, user: String, knownHosts: String, authentication: Authentication,
        connectTimeout: Duration = .seconds(15), operationTimeout: Duration = .seconds(60), keepalive: Duration = .seconds(30)
    ) {
        self.host = host
        self.port = port
        self.user = user
        self.knownHosts = knownHosts
        self.authentication = authentication
        self.connectTimeout = connectTimeout
        self.operationTimeout = operationTimeout
        self.keepalive = keepalive
    }

    /// Transport's configuration, with the secrets exposed to it (it keeps them out of its descriptions).
    public var configuration: SFTPConfiguration {
        let auth: SFTPAuthentication = switch authentication {
        case .privateKey(let path, let passphrase): .privateKey(path: path, passphrase: passphrase?.exposedValue)
        case .password(let password): .password(password.exposedValue)
        }
        return SFTPConfiguration(
            host: host, port: port, user: user, authentication: auth, knownHostsPath: knownHosts,
            connectTimeout: connectTimeout, operationTimeout: operationTimeout, keepaliveInterval: keepalive)
    }
}
