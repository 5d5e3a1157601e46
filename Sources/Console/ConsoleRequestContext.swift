import HTTPTypes
public import Hummingbird
public import Logging
import NIOCore

/// The request context of the console: Hummingbird's core storage plus who is asking.
public struct ConsoleRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Who the audit log names for what this request does: `api` for a bearer token (or no token on
    /// loopback), `console` for a browser session. Set by the auth middleware.
    public var actor: String = "api"
    /// The browser session, on console pages.
    var session: ConsoleSession?

    public init(source: Source) {
        self.coreContext = .init(source: source)
    }
}
