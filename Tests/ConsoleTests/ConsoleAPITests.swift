import Console
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Store
import Testing

@Suite struct ConsoleAPITests {
    static let guardedRoutes = [
        "/api/files", "/api/files/1", "/api/events", "/api/events?file=1", "/api/dead-letters", "/api/partners",
        "/api/destinations", "/api/overview", "/api/audit", "/metrics",
    ]

    @Test func healthAndReadinessNeedNoToken() async throws {
        let fixture = try await Fixture()
        try await fixture.withClient { client in
            let health = try await client.execute(uri: "/healthz", method: .get)
            #expect(health.status == .ok)
            #expect(health.text == #"{"status":"ok"}"#)
            let ready = try await client.execute(uri: "/readyz", method: .get)
            #expect(ready.status == .ok)
            #expect(ready.text == #"{"status":"ready"}"#)
        }
    }

    @Test func everyGuardedRouteRefusesWithoutTheTokenAndAnswersWithIt() async throws {
        let fixture = try await Fixture()
        try await fixture.withClient { client in
            for route in Self.guardedRoutes {
                let none = try await client.execute(uri: route, method: .get)
                #expect(none.status == .unauthorized, "\(route)")
                #expect(none.headers[.wwwAuthenticate] == #"Bearer realm="crossdock""#, "\(route)")
                #expect(object(try none.json()["error"])["code"] as? String == "unauthorized", "\(route)")
                let wrong = try await client.execute(
                    uri: route, method: .get, headers: [.authorization: "Bearer \(token)x"])
                #expect(wrong.status == .unauthorized, "\(route)")
                let basic = try await client.execute(uri: route, method: .get, headers: [.authorization: token])
                #expect(basic.status == .unauthorized, "\(route)")
                let right = try await client.execute(uri: route, method: .get, headers: bearer)
                #expect(right.status == .ok, "\(route)")
            }
            let replay = try await client.execute(
                uri: "/api/replay", method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(string: #"{"destination":"erp","reason":"x"}"#))
            #expect(replay.status == .unauthorized)
        }
    }

    @Test func withoutATokenOnLoopbackTheAPIIsOpen() async throws {
        let fixture = try await Fixture()
        try await fixture.withClient(token: nil) { client in
            let files = try await client.execute(uri: "/api/files", method: .get)
            let metrics = try await client.execute(uri: "/metrics", method: .get)
            #expect(files.status == .ok)
            #expect(metrics.status == .ok)
        }
    }

    @Test func filesArePaginatedNewestFirstAndFiltered() async throws {
        let fixture = try await Fixture()
        try await fixture.withClient { client in
            let first = try await client.execute(uri: "/api/files?limit=1", method: .get, headers: bearer).json()
            #expect(objects(first["items"]).map { $0["name"] as? String } == [hostileName])
            #expect(first["limit"] as? Int == 1)
            #expect(first["offset"] as? Int == 0)
            #expect(first["nextOffset"] as? Int == 1)
            let second = try await client.execute(uri: "/api/files?limit=1&offset=1", method: .get, headers: bearer)
                .json()
            #expect(objects(second["items"]).map { $0["name"] as? String } == ["214_acme_0001.edi"])
            #expect(second["nextOffset"] is NSNull)
            let item = objects(second["items"])[0]
            #expect(item["id"] as? Int == Int(fixture.firstFile.rawValue))
            #expect(item["outcome"] as? String == "processed")
            #expect(item["receivedAt"] as? String == "2027-01-15T08:00:00Z")
            #expect(item["events"] as? Int == 2)

            let byPartner = try await client.execute(uri: "/api/files?partner=ACMEFOODS", method: .get, headers: bearer)
                .json()
            #expect(objects(byPartner["items"]).map { $0["partner"] as? String } == ["ACMEFOODS"])
            let partial = try await client.execute(uri: "/api/files?outcome=partial", method: .get, headers: bearer)
                .json()
            #expect(objects(partial["items"]).map { $0["name"] as? String } == [hostileName])
            let later = try await client.execute(
                uri: "/api/files?from=2027-01-15T08:01:00Z", method: .get, headers: bearer
            ).json()
            #expect(objects(later["items"]).map { $0["name"] as? String } == [hostileName])
            let earlier = try await client.execute(
                uri: "/api/files?to=2027-01-15T08:01:00Z", method: .get, headers: bearer
            ).json()
            #expect(objects(earlier["items"]).map { $0["name"] as? String } == ["214_acme_0001.edi"])
            let day = try await client.execute(uri: "/api/files?from=2027-01-16", method: .get, headers: bearer).json()
            #expect(objects(day["items"]).isEmpty)
        }
    }

    @Test func unreadableParametersAreRefusedNamingTheParameter() async throws {
        let fixture = try await Fixture()
        try await fixture.withClient { client in
            let cases: [(String, String)] = [
                ("/api/files?limit=0", "limit"), ("/api/files?limit=501", "limit"), ("/api/files?offset=-1", "offset"),
                ("/api/files?outcome=lost", "outcome"), ("/api/files?from=yesterday", "from"),
                ("/api/events?file=abc", "file"), ("/api/files/abc", "id"), ("/api/audit?limit=x", "limit"),
            ]
            for (uri, parameter) in cases {
                let response = try await client.execute(uri: uri, method: .get, headers: bearer)
                #expect(response.status == .badRequest, "\(uri)")
                let error = object(try response.json()["error"])
                #expect(error["code"] as? String == "invalid_parameter", "\(uri)")
                #expect(error["parameter"] as? String == parameter, "\(uri)")
            }
            let missing = try await client.execute(uri: "/api/files/999", method: .get, headers: bearer)
            #expect(missing.status == .notFound)
            #expect(object(try missing.json()["error"])["message"] as? String == "no file 999")
        }
    }

    @Test func lineageNestsInterchangesGroupsTransactionsEventsAndDeliveries() async throws {
        let fixture = try await Fixture()
        try await fixture.withClient { client in
            let response = try await client.execute(
                uri: "/api/files/\(fixture.firstFile)", method: .get, headers: bearer)
            #expect(response.status == .ok)
            let lineage = try response.json()
            #expect(object(lineage["file"])["name"] as? String == "214_acme_0001.edi")
            let interchanges = objects(lineage["interchanges"])
            #expect(interchanges.count == 1)
            #expect(interchanges[0]["sender"] as? String == "ZZ:ACMEFOODS")
            #expect(interchanges[0]["controlNumber"] as? String == "000000905")
            let groups = objects(interchanges[0]["groups"])
            #expect(groups.map { $0["controlNumber"] as? String } == ["77"])
            let transactions = objects(groups[0]["transactions"])
            #expect(transactions.map { $0["controlNumber"] as? String } == ["0001", "0002"])
            let firstEvents = objects(transactions[0]["events"])
            #expect(firstEvents.map { $0["id"] as? String } == ["ev-1"])
            let delivery = objects(firstEvents[0]["deliveries"])
            #expect(delivery.map { $0["destination"] as? String } == ["erp"])
            #expect(delivery[0]["state"] as? String == "delivered")
            #expect(objects(delivery[0]["attempts"]).map { $0["status"] as? Int } == [201])
            let secondDelivery = objects(objects(objects(transactions[1]["events"])[0]["deliveries"])[0]["attempts"])
            #expect(secondDelivery.map { $0["result"] as? String } == ["deadLetter"])
            #expect(objects(lineage["records"]).isEmpty)
            #expect(objects(lineage["acks"]).map { "\($0["kind"] ?? "") \($0["code"] ?? "")" } == ["997 A"])

            let other = try await client.execute(uri: "/api/files/\(fixture.secondFile)", method: .get, headers: bearer)
                .json()
            let rejected = objects(objects(objects(objects(other["interchanges"])[0]["groups"])[0]["transactions"]))[1]
            #expect(rejected["verdict"] as? String == "R")
            let finding = objects(rejected["findings"])
            #expect(finding.count == 1)
            #expect(finding[0]["tag"] as? String == "B10")
            #expect(finding[0]["segment"] as? Int == 14)
        }
    }

    @Test func eventsByFileInFileOrderAndRecentNewestFirst() async throws {
        let fixture = try await Fixture()
        try await fixture.withClient { client in
            let ofFile = try await client.execute(
                uri: "/api/events?file=\(fixture.firstFile)", method: .get, headers: bearer
            ).json()
            #expect(objects(ofFile["items"]).map { $0["id"] as? String } == ["ev-1", "ev-2"])
            #expect(objects(ofFile["items"]).map { $0["transactionIndex"] as? Int } == [0, 1])
            let recent = try await client.execute(uri: "/api/events?limit=2", method: .get, headers: bearer).json()
            #expect(objects(recent["items"]).map { $0["id"] as? String } == ["ev-3", "ev-2"])
            #expect(recent["nextOffset"] as? Int == 2)
            let last = try await client.execute(uri: "/api/events?limit=2&offset=2", method: .get, headers: bearer)
                .json()
            #expect(objects(last["items"]).map { $0["id"] as? String } == ["ev-1"])
            #expect(objects(last["items"]).first?["fileName"] as? String == "214_acme_0001.edi")
        }
    }

    @Test func deadLettersAndDestinationsComeFromTheStore() async throws {
        let fixture = try await Fixture()
        try await fixture.withClient { client in
            let dead = try await client.execute(uri: "/api/dead-letters", method: .get, headers: bearer).json()
            let items = objects(dead["items"])
            #expect(items.map { $0["eventID"] as? String } == ["ev-2"])
            #expect(items.first?["status"] as? Int == 422)
            #expect(items.first?["responseBody"] as? String == "<b>bad load</b>")
            let none = try await client.execute(
                uri: "/api/dead-letters?destination=billing", method: .get, headers: bearer
            ).json()
            #expect(objects(none["items"]).isEmpty)

            let destinations = try await client.execute(uri: "/api/destinations", method: .get, headers: bearer)
                .jsonArray()
            #expect(destinations.map { $0["id"] as? String } == ["billing", "erp"])
            let erp = destinations[1]
            #expect(erp["backlog"] as? Int == 1)
            #expect(erp["pending"] as? Int == 1)
            #expect(erp["delivered"] as? Int == 1)
            #expect(erp["dead"] as? Int == 1)
            #expect(erp["lastError"] as? String == "HTTP 422 <refused>")
            #expect(erp["kind"] as? String == "folder")
            #expect(erp["circuit"] is NSNull)
            #expect(destinations[0]["backlog"] as? Int == 0)
            #expect(destinations[0]["configured"] as? Bool == true)
        }
    }

    @Test func partnersShowLastFileLastAckAndErrorRate() async throws {
        let fixture = try await Fixture()
        try await fixture.withClient { client in
            let partners = try await client.execute(uri: "/api/partners", method: .get, headers: bearer).jsonArray()
            #expect(partners.map { $0["id"] as? String } == ["ACMEFOODS", "PRAIRIEFRT"])
            let acme = partners[0]
            #expect(acme["name"] as? String == "ACME Foods")
            #expect(acme["configured"] as? Bool == true)
            #expect(object(acme["lastFile"])["name"] as? String == "214_acme_0001.edi")
            #expect(object(acme["lastAck"])["kind"] as? String == "997")
            #expect(object(acme["lastAck"])["code"] as? String == "A")
            #expect(acme["files"] as? Int == 1)
            #expect(acme["errorRate"] as? Double == 0)
            let prairie = partners[1]
            #expect(prairie["configured"] as? Bool == false)
            #expect(prairie["lastAck"] is NSNull)
            #expect(prairie["filesNotProcessed"] as? Int == 1)
            #expect(prairie["errorRate"] as? Double == 1)
            #expect(prairie["windowDays"] as? Int == 7)
        }
    }

    @Test func overviewCountsTheLast24Hours() async throws {
        let fixture = try await Fixture()
        try await fixture.withClient { client in
            let overview = try await client.execute(uri: "/api/overview", method: .get, headers: bearer).json()
            #expect(object(overview["filesByOutcome"])["processed"] as? Int == 1)
            #expect(object(overview["filesByOutcome"])["partial"] as? Int == 1)
            #expect(object(overview["filesByOutcome"])["failed"] as? Int == 0)
            #expect(overview["events"] as? Int == 3)
            #expect(object(overview["attemptsByResult"])["delivered"] as? Int == 1)
            #expect(object(overview["attemptsByResult"])["deadLetter"] as? Int == 1)
            #expect(overview["since"] as? String == "2027-01-14T09:00:00Z")
        }
    }

    @Test func replayIsAuditedWithTheActorAndReason() async throws {
        let fixture = try await Fixture()
        try await fixture.withClient { client in
            let response = try await client.execute(
                uri: "/api/replay", method: .post, headers: bearer + [.contentType: "application/json"],
                body: ByteBuffer(string: #"{"destination":"erp","reason":"ERP fixed the load mapping"}"#))
            #expect(response.status == .ok)
            let answer = try response.json()
            #expect(answer["replayed"] as? Int == 1)
            #expect(answer["target"] as? String == "destination erp dead letters")
            #expect(answer["actor"] as? String == "api")
            let audit = try await client.execute(uri: "/api/audit", method: .get, headers: bearer).json()
            let entries = objects(audit["items"])
            #expect(entries.count == 1)
            #expect(entries.first?["actor"] as? String == "api")
            #expect(entries.first?["action"] as? String == "replay")
            #expect(entries.first?["target"] as? String == "destination erp dead letters")
            #expect(entries.first?["detail"] as? String == "1 row: ERP fixed the load mapping")
            let dead = try await client.execute(uri: "/api/dead-letters", method: .get, headers: bearer).json()
            #expect(objects(dead["items"]).isEmpty)

            let byFile = try await client.execute(
                uri: "/api/replay", method: .post, headers: bearer + [.contentType: "application/json"],
                body: ByteBuffer(string: #"{"file":\#(fixture.firstFile),"reason":"resend"}"#))
            #expect(try byFile.json()["replayed"] as? Int == 2)
            let byEvent = try await client.execute(
                uri: "/api/replay", method: .post, headers: bearer + [.contentType: "application/json"],
                body: ByteBuffer(string: #"{"event":"ev-3","reason":"resend"}"#))
            #expect(try byEvent.json()["replayed"] as? Int == 1)
        }
    }

    @Test func replayBodiesAreTypedAndChecked() async throws {
        let fixture = try await Fixture()
        try await fixture.withClient { client in
            let json: HTTPFields = bearer + [.contentType: "application/json"]
            let cases: [(String, String?)] = [
                (#"{"destination":"erp"}"#, "reason"),
                (#"{"destination":"erp","reason":"  "}"#, "reason"),
                (#"{"destination":"erp","file":1,"reason":"x"}"#, nil),
                (#"{"reason":"x"}"#, nil),
                (#"{"file":"one","reason":"x"}"#, "file"),
                (#"not json"#, nil),
            ]
            for (body, parameter) in cases {
                let response = try await client.execute(
                    uri: "/api/replay", method: .post, headers: json, body: ByteBuffer(string: body))
                #expect(response.status == .badRequest, "\(body)")
                let error = object(try response.json()["error"])
                #expect(error["code"] as? String == "invalid_body", "\(body)")
                #expect(error["parameter"] as? String == parameter, "\(body)")
            }
            let form = try await client.execute(
                uri: "/api/replay", method: .post, headers: bearer + [.contentType: "text/plain"],
                body: ByteBuffer(string: #"{"destination":"erp","reason":"x"}"#))
            #expect(form.status == .unsupportedMediaType)
            let audit = try await client.execute(uri: "/api/audit", method: .get, headers: bearer).json()
            #expect(objects(audit["items"]).isEmpty)
        }
    }

    @Test func aBodyOverTheLimitIsRefusedUnread() async throws {
        let fixture = try await Fixture()
        try await fixture.withClient(maxBodyBytes: 1024) { client in
            let reason = String(repeating: "r", count: 2000)
            let response = try await client.execute(
                uri: "/api/replay", method: .post, headers: bearer + [.contentType: "application/json"],
                body: ByteBuffer(string: #"{"destination":"erp","reason":"\#(reason)"}"#))
            #expect(response.status == .contentTooLarge)
            #expect(object(try response.json()["error"])["code"] as? String == "body_too_large")
            let audit = try await client.execute(uri: "/api/audit", method: .get, headers: bearer).json()
            #expect(objects(audit["items"]).isEmpty)
        }
    }
}

func + (a: HTTPFields, b: HTTPFields) -> HTTPFields {
    var fields = a
    fields.append(contentsOf: b)
    return fields
}
