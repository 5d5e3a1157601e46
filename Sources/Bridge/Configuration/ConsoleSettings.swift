/// The admin API and console (served by `crossdock run`).
public struct ConsoleSettings: Sendable, Hashable {
    public var host: String
    public var port: Int
    /// Required off loopback; everything but `/healthz` and `/readyz` then needs it as a bearer token.
    public var token: Secret?

    public init(host: String = "127.0.0.1", port: Int = 8080, token: Secret? = nil) {
        self.host = host
        self.port = port
        self.token = token
    }

    /// `127.0.0.0/8`, `::1` and `localhost`.
    public var isLoopback: Bool { Self.isLoopback(host) }

    static func isLoopback(_ host: String) -> Bool {
        if host == "localhost" || host == "::1" || host == "[::1]" { return true }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
    }
}
