import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import Synchronization

/// A browser session of the console, as carried by its signed cookie.
struct ConsoleSession: Sendable, Hashable {
    /// Random, 128 bits, hex.
    var nonce: String
    var expires: Int64
}

/// Tokens, session cookies and CSRF tokens.
///
/// - The API takes `Authorization: Bearer <token>`, compared in constant time (SHA-256 of both sides,
///   then every byte XORed), so neither the length nor a prefix of the token leaks through timing.
/// - Browsers cannot send that header: the login form exchanges the token for a session cookie
///   `crossdock_session=<expires>.<nonce>.<mac>`, HttpOnly, SameSite=Strict, Path=/, where `mac` is an
///   HMAC-SHA256 of `<expires>.<nonce>` under a key drawn at random when the server starts (a restart
///   ends every session).
/// - Each session's CSRF token is HMAC-SHA256(key, `csrf.<nonce>`): every form carries it in a hidden
///   field and a POST whose field does not match its cookie's session is refused.
struct ConsoleAuth: Sendable {
    static let cookieName = "crossdock_session"

    let token: String?
    let sessionLifetime: Int64
    /// Sessions signed out before they expired (nonce → expiry), refused until they would have expired.
    private let revoked = Revocations()

    /// The signing key's bytes (`SymmetricKey` is not `Sendable`; it is made from them for each use).
    private let keyBytes: [UInt8]

    init(token: String?, sessionLifetime: Int64) {
        self.token = token
        self.sessionLifetime = sessionLifetime
        var generator = SystemRandomNumberGenerator()
        self.keyBytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
    }

    /// True when `presented` is the configured token (false when none is configured).
    func acceptsToken(_ presented: String) -> Bool {
        guard let token else { return false }
        return Self.constantTimeEquals(presented, token)
    }

    /// The token of an `Authorization: Bearer …` header, if it carries one.
    static func bearerToken(_ header: String?) -> String? {
        guard let header else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        return parts[1].trimmingCharacters(in: .whitespaces)
    }

    static func constantTimeEquals(_ a: String, _ b: String) -> Bool {
        let left = SHA256.hash(data: Data(a.utf8))
        let right = SHA256.hash(data: Data(b.utf8))
        var difference: UInt8 = 0
        for (x, y) in zip(left, right) { difference |= x ^ y }
        return difference == 0
    }

    // MARK: Sessions

    func newSession(now: Date) -> ConsoleSession {
        var generator = SystemRandomNumberGenerator()
        let nonce = (0..<16).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
        return ConsoleSession(nonce: nonce, expires: Int64(now.timeIntervalSince1970) + sessionLifetime)
    }

    func cookieValue(_ session: ConsoleSession) -> String {
        let payload = "\(session.expires).\(session.nonce)"
        return payload + "." + mac(payload)
    }

    /// The session of a cookie value, when its MAC holds and it has not expired.
    func session(fromCookie value: String?, now: Date) -> ConsoleSession? {
        guard let value else { return nil }
        let parts = value.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, let expires = Int64(parts[0]) else { return nil }
        guard Self.constantTimeEquals(mac("\(parts[0]).\(parts[1])"), parts[2]) else { return nil }
        guard expires > Int64(now.timeIntervalSince1970), !revoked.contains(parts[1], now: now) else { return nil }
        return ConsoleSession(nonce: parts[1], expires: expires)
    }

    /// Ends `session` on this server (signing out), even if its cookie is kept.
    func revoke(_ session: ConsoleSession, now: Date) { revoked.add(session, now: now) }

    func csrfToken(for session: ConsoleSession) -> String { mac("csrf.\(session.nonce)") }

    func acceptsCSRF(_ presented: String?, for session: ConsoleSession) -> Bool {
        guard let presented, !presented.isEmpty else { return false }
        return Self.constantTimeEquals(presented, csrfToken(for: session))
    }

    func cookie(for session: ConsoleSession, now: Date) -> Cookie {
        Cookie(
            name: Self.cookieName, value: cookieValue(session),
            maxAge: Int(max(0, session.expires - Int64(now.timeIntervalSince1970))), path: "/", httpOnly: true,
            sameSite: .strict)
    }

    static var expiredCookie: Cookie {
        Cookie(name: cookieName, value: "", maxAge: 0, path: "/", httpOnly: true, sameSite: .strict)
    }

    private func mac(_ text: String) -> String {
        HMAC<SHA256>.authenticationCode(for: Data(text.utf8), using: SymmetricKey(data: keyBytes)).map {
            String(format: "%02x", $0)
        }.joined()
    }
}

/// The signed-out sessions that have not expired yet: a small in-memory set, pruned as they expire.
final class Revocations: Sendable {
    private let nonces = Mutex<[String: Int64]>([:])

    func add(_ session: ConsoleSession, now: Date) {
        let clock = Int64(now.timeIntervalSince1970)
        nonces.withLock { nonces in
            nonces = nonces.filter { $0.value > clock }
            nonces[session.nonce] = session.expires
        }
    }

    func contains(_ nonce: String, now: Date) -> Bool {
        nonces.withLock { ($0[nonce] ?? 0) > Int64(now.timeIntervalSince1970) }
    }
}

/// Guards the API and `/metrics`: with a token configured, every request needs it as a bearer token.
struct BearerAuthMiddleware: RouterMiddleware {
    typealias Context = ConsoleRequestContext
    let auth: ConsoleAuth

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        if auth.token != nil {
            guard let presented = ConsoleAuth.bearerToken(request.headers[.authorization]), auth.acceptsToken(presented)
            else {
                throw ConsoleError(
                    .unauthorized, "this route needs the console token as 'Authorization: Bearer <token>'")
            }
        }
        var context = context
        context.actor = "api"
        return try await next(request, context)
    }
}

/// Guards the console pages: with a token configured, a page needs a valid session cookie (else it
/// redirects to the login form); without one (loopback only), a session is opened on the first page so
/// that forms still carry CSRF tokens.
struct SessionMiddleware: RouterMiddleware {
    typealias Context = ConsoleRequestContext
    let auth: ConsoleAuth
    let now: @Sendable () -> Date

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var context = context
        context.actor = "console"
        let now = now()
        if let session = auth.session(fromCookie: request.cookies[ConsoleAuth.cookieName]?.value, now: now) {
            context.session = session
            return try await next(request, context)
        }
        if auth.token != nil {
            guard request.method == .get || request.method == .head else {
                throw ConsoleError(.unauthorized, "sign in to the console first")
            }
            return Response(status: .seeOther, headers: [.location: "/console/login"])
        }
        let session = auth.newSession(now: now)
        context.session = session
        var response = try await next(request, context)
        response.setCookie(auth.cookie(for: session, now: now))
        return response
    }
}
