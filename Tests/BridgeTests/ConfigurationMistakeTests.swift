import Delivery
import Bridge
import Foundation
import Testing

/// Each kind of mistake in `crossdock.yaml` gives its exact message, with line and key.
@Suite struct ConfigurationMistakeTests {
    @Test func unknownTopLevelKeyListsTheAllowedKeys() throws {
        let file = try ConfigFile(minimalConfig + "spooll: other\n")
        defer { file.remove() }
        #expect(file.mistakes() == [
            "5 at spooll: unknownKey: unknown key 'spooll'; expected one of: console, destinations, endpoints, mappings, partners, routes, sources, spool, store"
        ])
    }

    @Test func unknownKeyInAnSFTPEndpointListsTheSFTPKeys() throws {
        let file = try ConfigFile(minimalConfig + """
            endpoints:
              - id: prairie
                kind: sftp
                hostname: sftp.example.com
                user: crossdock
                known_hosts: known_hosts
                password: ${SFTP_PASSWORD}

            """)
        defer { file.remove() }
        #expect(file.mistakes(["SFTP_PASSWORD": "pw"]) == [
            "6 at endpoints[0].host: missingKey: 'host' is required",
            "8 at endpoints[0].hostname: unknownKey: unknown key 'hostname'; expected one of: connect_timeout, host, id, keepalive, kind, known_hosts, operation_timeout, passphrase, password, port, private_key, user",
        ])
    }

    @Test func theFullDescriptionNamesFileLineAndKey() throws {
        let file = try ConfigFile(minimalConfig + "console:\n  listen: 0.0.0.0:8080\n")
        defer { file.remove() }
        #expect(throws: ConfigurationError.self) { try file.load() }
        do {
            _ = try file.load()
        } catch {
            #expect(error.issues.map(\.description) == [
                "\(file.url.path):6 at console.listen: unsafe: listening on 0.0.0.0, off loopback, needs a 'token'"
            ])
            #expect(error.issues.first?.code == .unsafe)
            #expect(error.issues.first?.line == 6)
            #expect(error.issues.first?.key == "console.listen")
            #expect(error.description.hasPrefix("the configuration has 1 mistake; Crossdock will not start until they are fixed:\n  \(file.url.path):6"))
        }
    }

    @Test func wrongTypesSayWhatWasExpectedAndWhatWasFound() throws {
        let file = try ConfigFile(minimalConfig + """
            endpoints:
              - id: prairie
                kind: sftp
                host: sftp.example.com
                port: twenty-two
                user: [crossdock]
                known_hosts: known_hosts
                password: secret
            partners:
              id: ACME
            sources:
              - id: in
                endpoint: prairie
                batch_limit: 0
                after: shred

            """)
        defer { file.remove() }
        #expect(file.mistakes() == [
            "9 at endpoints[0].port: wrongType: expected a whole number, found 'twenty-two'",
            "10 at endpoints[0].user: wrongType: expected a string, found a list",
            "14 at partners: wrongType: expected a list, found a mapping",
            "18 at sources[0].batch_limit: invalidValue: must be at least 1",
            "19 at sources[0].after: invalidValue: 'shred' is not allowed; expected one of: archive, delete, leave",
        ])
    }

    @Test func badDurationsAndSizesSayHowToWriteThem() throws {
        let file = try ConfigFile(minimalConfig + """
            endpoints:
              - {id: hub, kind: folder, path: hub}
            sources:
              - id: in
                endpoint: hub
                poll_interval: 5 minutes
                stability_interval: 30
                maximum_size: 10 MB

            """)
        defer { file.remove() }
        #expect(file.mistakes() == [
            "10 at sources[0].poll_interval: invalidValue: '5 minutes' is not a duration; write a whole number and a unit: 500ms, 5s, 2m, 1h or 1d",
            "11 at sources[0].stability_interval: invalidValue: '30' is not a duration; write a whole number and a unit: 500ms, 5s, 2m, 1h or 1d",
            "12 at sources[0].maximum_size: invalidValue: '10 MB' is not a size; write a whole number and a unit: 2048B, 64KB, 10MB, 1GB, 512KiB, 10MiB",
        ])
    }

    @Test func unknownReferencesNameWhatExists() throws {
        let file = try ConfigFile(minimalConfig + """
            endpoints:
              - {id: hub, kind: folder, path: hub}
              - {id: acks, kind: folder, path: acks}
            partners:
              - id: ACME
                isa: {qualifier: ZZ, id: ACMEFOODS}
                ack: {target: ack-folder, path: out}
            sources:
              - id: in
                endpoint: hbu
                partner: ACMEFOODS
            destinations:
              - {id: erp, kind: folder, path: out/erp}
            routes:
              - events: ["load.*"]
                to: [erp, billing]
              - events: [shipment.stauts]
                to: [erp]

            """)
        defer { file.remove() }
        #expect(file.mistakes() == [
            "11 at partners[0].ack.target: unknownReference: no endpoint has the id 'ack-folder'; the endpoints are: acks, hub",
            "14 at sources[0].endpoint: unknownReference: no endpoint has the id 'hbu'; the endpoints are: acks, hub",
            "15 at sources[0].partner: unknownReference: no partner has the id 'ACMEFOODS'; the partners are: ACME",
            "20 at routes[0].to[1]: unknownReference: no destination has the id 'billing'; the destinations are: erp",
            "21 at routes[1].events[0]: unknownReference: 'shipment.stauts' matches no event type; the types are: load.tendered, load.tender.changed, load.tender.cancelled, shipment.status, freight.invoice",
        ])
    }

    @Test func duplicateIdsNameTheFirstUse() throws {
        let file = try ConfigFile(minimalConfig + """
            endpoints:
              - {id: hub, kind: folder, path: hub}
              - {id: hub, kind: folder, path: other}
            partners:
              - {id: ACME, isa: {qualifier: ZZ, id: ACMEFOODS}}
              - {id: ACME2, isa: {qualifier: ZZ, id: ACMEFOODS}}
            destinations:
              - {id: erp, kind: folder, path: out/erp}
              - {id: erp, kind: folder, path: out/erp2}

            """)
        defer { file.remove() }
        #expect(file.mistakes() == [
            "7 at endpoints[1].id: duplicateID: the endpoint id 'hub' is already used at line 6",
            "10 at partners[1].isa: duplicateID: the ISA sender ZZ:ACMEFOODS is already the partner 'ACME' at line 9",
            "13 at destinations[1].id: duplicateID: the destination id 'erp' is already used at line 12",
        ])
    }

    @Test func aRouteToNoDestinationIsRefused() throws {
        let file = try ConfigFile(minimalConfig + """
            destinations:
              - {id: erp, kind: folder, path: out/erp}
            routes:
              - events: [freight.invoice]
                to: []
              - events: [shipment.status]

            """)
        defer { file.remove() }
        #expect(file.mistakes() == [
            "9 at routes[0].to: invalidValue: the route sends to no destination; list at least one destination id under 'to'",
            "10 at routes[1].to: missingKey: 'to' is required",
        ])
    }

    @Test func aConsoleOffLoopbackNeedsAToken() throws {
        let open = try ConfigFile(minimalConfig + "console:\n  listen: 192.168.1.20:8443\n")
        defer { open.remove() }
        #expect(open.mistakes() == ["6 at console.listen: unsafe: listening on 192.168.1.20, off loopback, needs a 'token'"])

        let guarded = try ConfigFile(minimalConfig + "console:\n  listen: 0.0.0.0:8443\n  token: ${CONSOLE_TOKEN}\n")
        defer { guarded.remove() }
        let console = try guarded.load(["CONSOLE_TOKEN": "t0ken"]).console
        #expect(console?.host == "0.0.0.0")
        #expect(console?.port == 8443)
        #expect(console?.token?.exposedValue == "t0ken")

        for listen in ["127.0.0.1:9000", "localhost:9000", "[::1]:9000"] {
            let loopback = try ConfigFile(minimalConfig + "console:\n  listen: \"\(listen)\"\n")
            defer { loopback.remove() }
            #expect(try loopback.load().console?.isLoopback == true, "\(listen)")
        }
    }

    @Test func postgresIsAcceptedByTheSchemaButRefusedForNow() throws {
        let file = try ConfigFile("""
            store:
              postgres: ${DATABASE_URL}
            spool: spool
            mappings: mappings

            """)
        defer { file.remove() }
        #expect(file.mistakes(["DATABASE_URL": "postgres://u:p@db/crossdock"]) == [
            "2 at store.postgres: unsupported: PostgreSQL is not supported yet; use 'sqlite: <path>' for now"
        ])
    }

    @Test func missingRequiredSectionsAreAllReported() throws {
        let file = try ConfigFile("spool: spool\n")
        defer { file.remove() }
        #expect(file.mistakes() == [
            "1 at store: missingKey: 'store' is required",
            "1 at mappings: missingKey: 'mappings' is required",
        ])
    }

    @Test func yamlSyntaxErrorsGiveTheLine() throws {
        let file = try ConfigFile(minimalConfig + "partners:\n  - id: [ACME\n")
        defer { file.remove() }
        #expect(file.mistakes() == [
            "7: invalidYAML: while parsing a flow sequence: did not find expected ',' or ']'"
        ])
    }

    @Test func sftpLogsInWithAKeyOrAPasswordNotBoth() throws {
        let file = try ConfigFile(minimalConfig + """
            endpoints:
              - id: both
                kind: sftp
                host: h
                user: u
                known_hosts: kh
                private_key: id_ed25519
                password: pw
              - id: neither
                kind: sftp
                host: h
                user: u
                known_hosts: kh
                passphrase: pp

            """)
        defer { file.remove() }
        #expect(file.mistakes() == [
            "12 at endpoints[0].password: invalidValue: give either 'private_key' or 'password', not both",
            "13 at endpoints[1].private_key: missingKey: 'private_key' or 'password' is required",
        ])
    }

    @Test func httpDestinationMistakes() throws {
        let file = try ConfigFile(minimalConfig + """
            destinations:
              - id: erp
                kind: http
                base_url: ftp://erp.example.com
                auth: {kind: oauth2, client_id: crossdock, client_secret: x}
                routes:
                  - {event: "load.*", path: "/loads/{shipment}"}
                  - {event: "load.*", method: GET, path: loads}
                retry: {base: 10s, cap: 1s}
                timeout: 0s
                headers: {"X Tenant": acme}

            """)
        defer { file.remove() }
        #expect(file.mistakes() == [
            "8 at destinations[0].base_url: invalidValue: 'ftp://erp.example.com' is not an http or https URL",
            "9 at destinations[0].auth.token_url: missingKey: 'token_url' is required",
            "11 at destinations[0].routes[0].path: invalidValue: unknown placeholder '{shipment}'; placeholders are {id}, {type} and {subject}",
            "12 at destinations[0].routes[1].method: invalidValue: 'GET' is not allowed; expected one of: POST, PUT, PATCH, DELETE",
            "12 at destinations[0].routes[1].path: invalidValue: a route path starts with '/' (it is appended to the base URL)",
            "13 at destinations[0].retry.cap: invalidValue: the cap must not be shorter than the base",
            "14 at destinations[0].timeout: invalidValue: must be longer than 0s",
            "15 at destinations[0].headers.X Tenant: invalidValue: 'X Tenant' is not an HTTP header name",
        ])
    }

    @Test func partnerMistakes() throws {
        let file = try ConfigFile(minimalConfig + """
            partners:
              - id: ACME
                isa: {qualifier: ZZZ, id: ACMEFOODSINCORPORATED}
                time_zone: America/Springfield
                leniency: [wrapped-lines, forgiving]
                ack: {kind: "998", path: out}
                duplicates: {scopes: [file], window_days: 0}

            """)
        defer { file.remove() }
        #expect(file.mistakes() == [
            "7 at partners[0].isa.qualifier: invalidValue: an ISA qualifier is 2 letters or digits (ZZ, 01, 02, 12)",
            "7 at partners[0].isa.id: invalidValue: an ISA id is 1 to 15 printable characters, without the ISA's padding",
            "8 at partners[0].time_zone: invalidValue: 'America/Springfield' is not a time zone name the system knows (America/Chicago, Europe/Berlin, UTC)",
            "9 at partners[0].leniency[1]: invalidValue: 'forgiving' is not a leniency option; expected strict, lenient, or a list of: wrapped-lines, unpadded-isa, leading-zeros-in-counts, trailing-separators, stray-bytes",
            "10 at partners[0].ack.kind: invalidValue: '998' is not allowed; expected one of: auto, 997, 999, ta1",
            "10 at partners[0].ack.target: missingKey: 'path' needs a 'target' endpoint",
            "11 at partners[0].duplicates.scopes[0]: invalidValue: 'file' is not allowed; expected one of: interchange, group, transaction",
            "11 at partners[0].duplicates.window_days: invalidValue: must be at least 1",
        ])
    }

    @Test func sourceMistakes() throws {
        let file = try ConfigFile(minimalConfig + """
            endpoints:
              - {id: hub, kind: folder, path: hub}
            sources:
              - id: in
                endpoint: hub
                path: /srv/inbound
                patterns: ["in/*.edi"]
                marker_suffix: .done
                minimum_age: 1m
                after: delete
                archive_folder: archive

            """)
        defer { file.remove() }
        #expect(file.mistakes() == [
            "10 at sources[0].path: invalidValue: not a path relative to the endpoint's root: absolute paths are refused",
            "11 at sources[0].patterns[0]: invalidValue: a pattern matches names inside the folder, so it cannot contain '/'",
            "13 at sources[0].minimum_age: invalidValue: give only one of stability_interval, marker_suffix and minimum_age",
            "15 at sources[0].archive_folder: invalidValue: 'archive_folder' is used only with 'after: archive'",
        ])
    }
}

@Suite struct ConfigurationYAMLTests {
    @Test func anUnquotedStarSaysToQuoteIt() throws {
        let file = try ConfigFile(minimalConfig + "routes:\n  - events: [*]\n    to: [erp]\n")
        defer { file.remove() }
        #expect(file.mistakes() == [
            "6: invalidYAML: while scanning an alias: did not find expected alphabetic or numeric character (quote a value that starts with '*': \"*\")"
        ])
    }

    @Test func aRepeatedKeyIsAMistake() throws {
        let file = try ConfigFile(minimalConfig + "password: hunter2\nspool: again\n")
        defer { file.remove() }
        #expect(file.mistakes() == ["3: invalidYAML: a key appears twice in one mapping: spool"])
    }
}
