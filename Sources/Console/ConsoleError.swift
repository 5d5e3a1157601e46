import HTTPTypes
public import Hummingbird
import Logging
import NIOCore

/// A refusal of the admin API or console, rendered as JSON:
/// `{"error": {"code": "invalid_parameter", "message": "…", "parameter": "limit"}}`.
public struct ConsoleError: Error, HTTPResponseError, CustomStringConvertible {
    public enum Code: String, Sendable {
        /// No or a wrong bearer token, or no console session.
        case unauthorized
        /// A console form without its CSRF token, or with another session's.
        case forbidden
        case notFound = "not_found"
        /// A query parameter that cannot be read (`parameter` names it).
        case invalidParameter = "invalid_parameter"
        /// A request body that is not the JSON (or form) the route takes.
        case invalidBody = "invalid_body"
        case bodyTooLarge = "body_too_large"
        case unsupportedMediaType = "unsupported_media_type"
        /// The server was asked to listen off loopback without a token.
        case insecureListen = "insecure_listen"
    }

    public var code: Code
    public var message: String
    /// The query parameter or body key at fault.
    public var parameter: String?

    public init(_ code: Code, _ message: String, parameter: String? = nil) {
        self.code = code
        self.message = message
        self.parameter = parameter
    }

    public var status: HTTPResponse.Status {
        switch code {
        case .unauthorized: .unauthorized
        case .forbidden: .forbidden
        case .notFound: .notFound
        case .invalidParameter, .invalidBody: .badRequest
        case .bodyTooLarge: .contentTooLarge
        case .unsupportedMediaType: .unsupportedMediaType
        case .insecureListen: .internalServerError
        }
    }

    public var description: String {
        "\(code.rawValue): \(message)" + (parameter.map { " (\($0))" } ?? "")
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var response = JSONResponse.make(
            ErrorBody(error: ErrorBody.Detail(code: code.rawValue, message: message, parameter: parameter)),
            status: status)
        if code == .unauthorized {
            response.headers[.wwwAuthenticate] = #"Bearer realm="crossdock""#
        }
        return response
    }
}

/// The JSON of a `ConsoleError`.
struct ErrorBody: Encodable {
    struct Detail: Encodable {
        var code: String
        var message: String
        var parameter: String?
    }
    var error: Detail
}
