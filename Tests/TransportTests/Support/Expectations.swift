import Testing
import Transport

/// Runs `body` in a session of `endpoint`, expects a `TransportError`, and returns it (nil, with an issue
/// recorded, when nothing or something else was thrown).
@discardableResult
func sessionError<T: Sendable>(
    _ endpoint: any Endpoint, sourceLocation: SourceLocation = #_sourceLocation,
    _ body: @escaping @Sendable (any EndpointSession) throws -> T
) async -> TransportError? {
    await #expect(throws: TransportError.self, sourceLocation: sourceLocation) {
        try await endpoint.withSession(body)
    }
}
