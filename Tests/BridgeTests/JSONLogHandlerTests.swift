import Delivery
import Bridge
import Foundation
import Logging
import Synchronization
import TestSupport
import Testing

@Suite struct JSONLogHandlerTests {
    final class Lines: Sendable {
        let lines = Mutex<[String]>([])
        var all: [String] { lines.withLock { $0 } }
        var sink: @Sendable (String) -> Void { { line in self.lines.withLock { $0.append(line) } } }
    }

    @Test func linesAreJSONWithStableKeys() throws {
        let lines = Lines()
        var logger = Logger(label: "crossdock.intake") { label in JSONLogHandler(label: label, sink: lines.sink) }
        logger[metadataKey: LogKey.partner] = "ACMEFOODS"
        logger.info(
            "file committed",
            metadata: [
                LogKey.fileName: "214_acme_0001.edi", LogKey.isa13: "000000905", LogKey.eventID: "ev-1",
                LogKey.destination: "erp",
            ])
        logger.debug("not at info")
        #expect(lines.all.count == 1)
        let line = try #require(lines.all.first)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["message"] as? String == "file committed")
        #expect(object["level"] as? String == "info")
        #expect(object["label"] as? String == "crossdock.intake")
        #expect(object["partner.id"] as? String == "ACMEFOODS")
        #expect(object["file.name"] as? String == "214_acme_0001.edi")
        #expect(object["x12.isa13"] as? String == "000000905")
        #expect(object["event.id"] as? String == "ev-1")
        #expect(object["destination"] as? String == "erp")
        let timestamp = try #require(object["timestamp"] as? String)
        #expect(timestamp.range(of: #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$"#, options: .regularExpression) != nil)
        #expect(line.hasPrefix(#"{"destination":"erp","event.id":"ev-1","file.name""#))
    }

    @Test func aSecretNeverAppearsHoweverItIsLogged() throws {
        let secret = Secret("s3cr\"et/pa$$word")
        let lines = Lines()
        let logger = Logger(label: "crossdock.delivery") { label in
            JSONLogHandler(label: label, redacting: [secret], sink: lines.sink)
        }
        logger.error("login as \(secret)", metadata: ["token": "\(secret)", "auth": .stringConvertible(secret)])
        logger.error(
            "leaked \(secret.exposedValue)",
            metadata: ["raw": .string(secret.exposedValue), "nested": ["x": .string("a\(secret.exposedValue)b")]])
        struct Failure: Error, CustomStringConvertible {
            let password: String
            var description: String { "refused with \(password)" }
        }
        logger.log(level: .error, "failed", error: Failure(password: secret.exposedValue))
        #expect(lines.all.count == 3)
        for line in lines.all {
            #expect(!line.contains("s3cr"), "\(line)")
            #expect(!line.contains("pa$$word"), "\(line)")
            #expect(line.contains("<redacted>"), "\(line)")
            #expect(try JSONSerialization.jsonObject(with: Data(line.utf8)) is [String: Any])
        }
    }
}

@Suite struct ConfigurationSecretsTests {
    @Test func everySecretOfTheExampleConfigurationIsListedForRedaction() throws {
        let url = ProjectPaths.root.appendingPathComponent("examples/crossdock.yaml")
        let configuration = try CrossdockConfiguration.load(file: url, environment: ConfigurationExampleTests.environment)
        #expect(configuration.secrets.map(\.exposedValue).sorted() == ["pass-1", "pass-2", "pass-3", "pass-5", "whsec_cGFzcy00"])
    }
}
