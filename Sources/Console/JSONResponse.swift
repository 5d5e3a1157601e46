import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// JSON out of the API: sorted keys, ISO 8601 dates (UTC, seconds), `null` kept for absent values where
/// the models say so.
enum JSONResponse {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    static func make(_ value: some Encodable, status: HTTPResponse.Status = .ok) -> Response {
        let data: Data
        do {
            data = try encoder.encode(value)
        } catch {
            data = Data(#"{"error":{"code":"encoding","message":"the answer could not be encoded"}}"#.utf8)
        }
        return Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}
