import Delivery
import Bridge
import Foundation
import Testing
import Transport

/// `${NAME}` references, the `$${` escape, and secrets that never show.
@Suite struct ConfigurationEnvironmentTests {
    static let secretValue = "s3cr3t-Value-9f2"

    @Test func referencesAreReplacedWholeAndInsideStrings() throws {
        let file = try ConfigFile(minimalConfig + """
            destinations:
              - id: erp
                kind: http
                base_url: https://${ERP_HOST}:${ERP_PORT}/api
                auth: {kind: bearer, token: "${ERP_TOKEN}"}
                concurrency: ${ERP_CONCURRENCY}
                routes: [{event: "*", path: "/events/{id}"}]
                headers:
                  X-Literal: "$${NOT_A_VARIABLE} and $$ and $HOME"
                  X-Mixed: "$${A}${ERP_HOST}"

            """)
        defer { file.remove() }
        let config = try file.load([
            "ERP_HOST": "erp.example.com", "ERP_PORT": "8443", "ERP_TOKEN": "tok-123", "ERP_CONCURRENCY": "7",
        ])
        guard case .http(let http) = config.destinations.first?.kind else {
            Issue.record("expected an HTTP destination")
            return
        }
        #expect(http.baseURL.absoluteString == "https://erp.example.com:8443/api")
        #expect(http.auth == .bearer(token: Secret("tok-123")))
        #expect(http.concurrency == 7)
        #expect(http.headers == [
            HTTPHeaderSetting(name: "X-Literal", value: "${NOT_A_VARIABLE} and $$ and $HOME"),
            HTTPHeaderSetting(name: "X-Mixed", value: "${A}erp.example.com"),
        ])
    }

    @Test func aMissingVariableNamesFileLineKeyAndVariable() throws {
        let file = try ConfigFile(minimalConfig + """
            endpoints:
              - id: prairie
                kind: sftp
                host: ${SFTP_HOST}
                user: crossdock
                known_hosts: known_hosts
                password: ${SFTP_PASSWORD}

            """)
        defer { file.remove() }
        #expect(file.mistakes(["SFTP_HOST": "sftp.example.com"]) == [
            "11 at endpoints[0].password: missingVariable: the environment variable SFTP_PASSWORD is not set"
        ])
    }

    @Test func malformedReferencesAreMistakes() throws {
        let file = try ConfigFile(minimalConfig + """
            spool_x: 1
            console:
              token: "${1TOKEN}"
              listen: "${HOST:8080"

            """)
        defer { file.remove() }
        #expect(file.mistakes() == [
            "5 at spool_x: unknownKey: unknown key 'spool_x'; expected one of: console, destinations, endpoints, mappings, partners, routes, sources, spool, store",
            "7 at console.token: invalidValue: '${1TOKEN}' is not a variable reference; names are letters, digits and _, not starting with a digit",
            "8 at console.listen: invalidValue: a '${' is not closed by '}'; write $${ for a literal ${",
        ])
    }

    /// A secret's value shows in no message, wherever it is put, and in no description of what was loaded.
    @Test func aSecretNeverAppearsInAnyErrorOrDescription() throws {
        let env = ["SECRET": Self.secretValue]
        let broken = try ConfigFile(minimalConfig + """
            endpoints:
              - id: prairie
                kind: sftp
                host: sftp.example.com
                port: ${SECRET}
                user: crossdock
                known_hosts: known_hosts
                password: ${SECRET}
                keepalive: ${SECRET}
            sources:
              - id: in
                endpoint: ${SECRET}
                maximum_size: "x${SECRET}"
                after: ${SECRET}
            console:
              listen: ${SECRET}

            """)
        defer { broken.remove() }
        let mistakes = broken.mistakes(env)
        #expect(mistakes == [
            "9 at endpoints[0].port: wrongType: expected a whole number, found the value from the environment",
            "13 at endpoints[0].keepalive: invalidValue: the value from the environment is not a duration; write a whole number and a unit: 500ms, 5s, 2m, 1h or 1d",
            "16 at sources[0].endpoint: unknownReference: no endpoint has the id the value from the environment; the endpoints are: prairie",
            "17 at sources[0].maximum_size: invalidValue: the value from the environment is not a size; write a whole number and a unit: 2048B, 64KB, 10MB, 1GB, 512KiB, 10MiB",
            "18 at sources[0].after: invalidValue: the value from the environment is not allowed; expected one of: archive, delete, leave",
            "20 at console.listen: invalidValue: the value from the environment is not host:port (127.0.0.1:8080, [::1]:8080)",
        ])
        for mistake in mistakes { #expect(!mistake.contains(Self.secretValue), "\(mistake)") }

        let good = try ConfigFile(minimalConfig + """
            endpoints:
              - id: prairie
                kind: sftp
                host: sftp.example.com
                user: crossdock
                known_hosts: known_hosts
                private_key: id_ed25519
                passphrase: ${SECRET}
            destinations:
              - id: erp
                kind: http
                base_url: https://erp.example.com
                auth: {kind: oauth2, token_url: "https://login.example.com/token", client_id: c, client_secret: "${SECRET}"}
                routes: [{event: "*", path: /}]
            console:
              listen: 0.0.0.0:8443
              token: ${SECRET}

            """)
        defer { good.remove() }
        let config = try good.load(env)
        var dumped = ""
        dump(config, to: &dumped)
        #expect(!dumped.contains(Self.secretValue))
        #expect(dumped.contains("<redacted>") || !dumped.isEmpty)
        #expect(!String(describing: config).contains(Self.secretValue))
        #expect(!String(reflecting: config).contains(Self.secretValue))
        #expect(!"\(config.endpoints) \(config.destinations) \(String(describing: config.console))".contains(Self.secretValue))
        #expect(config.endpoints.first?.makeEndpointLabel().contains(Self.secretValue) == false)

        let secret = Secret(Self.secretValue)
        #expect("\(secret)" == "<redacted>")
        #expect(String(reflecting: secret) == "<redacted>")
        #expect(secret.exposedValue == Self.secretValue)
    }
}

extension EndpointSettings {
    /// The Transport endpoint's label (for SFTP: `user@host:port`), as logs would show it.
    func makeEndpointLabel() -> String {
        (try? makeEndpoint().label) ?? ""
    }
}
