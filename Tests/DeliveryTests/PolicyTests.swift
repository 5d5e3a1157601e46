import Foundation
import Testing

@testable import Delivery

@Suite struct CircuitBreakerTests {
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func opensAfterThresholdConsecutiveFailuresAndProbesAfterCoolDown() {
        var breaker = CircuitBreaker(policy: CircuitBreakerPolicy(failureThreshold: 3, coolDown: .seconds(30)))
        #expect(breaker.admission(now: start) == .all)
        breaker.record(failure: true, now: start)
        breaker.record(failure: true, now: start)
        #expect(breaker.state == .closed(consecutiveFailures: 2))
        breaker.record(failure: true, now: start)
        #expect(breaker.state == .open(until: start.addingTimeInterval(30)))
        #expect(breaker.admission(now: start.addingTimeInterval(29)) == .none(until: start.addingTimeInterval(30)))
        #expect(breaker.admission(now: start.addingTimeInterval(30)) == .probe)
        #expect(breaker.state == .halfOpen(probing: false))
        breaker.startProbe()
        #expect(breaker.admission(now: start.addingTimeInterval(31)) == .none(until: nil))
        breaker.record(failure: false, now: start.addingTimeInterval(32))
        #expect(breaker.state == .closed(consecutiveFailures: 0))
        #expect(breaker.admission(now: start.addingTimeInterval(32)) == .all)
    }

    @Test func successResetsTheCountAndAFailedProbeReopens() {
        var breaker = CircuitBreaker(policy: CircuitBreakerPolicy(failureThreshold: 2, coolDown: .seconds(10)))
        breaker.record(failure: true, now: start)
        breaker.record(failure: false, now: start)
        breaker.record(failure: true, now: start)
        #expect(breaker.state == .closed(consecutiveFailures: 1))
        breaker.record(failure: true, now: start)
        #expect(breaker.admission(now: start.addingTimeInterval(10)) == .probe)
        breaker.startProbe()
        breaker.record(failure: true, now: start.addingTimeInterval(11))
        #expect(breaker.state == .open(until: start.addingTimeInterval(21)))
        // Answers to requests sent before it opened change nothing while open.
        breaker.record(failure: false, now: start.addingTimeInterval(12))
        #expect(breaker.state == .open(until: start.addingTimeInterval(21)))
    }

    @Test func abandonedProbeCanBeTakenAgain() {
        var breaker = CircuitBreaker(policy: CircuitBreakerPolicy(failureThreshold: 1, coolDown: .seconds(5)))
        breaker.record(failure: true, now: start)
        #expect(breaker.admission(now: start.addingTimeInterval(5)) == .probe)
        breaker.abandonProbe()
        #expect(breaker.admission(now: start.addingTimeInterval(6)) == .probe)
    }
}

@Suite struct RetryPolicyTests {
    @Test func backoffDoublesFromBaseUpToTheCapWithFullJitter() {
        let policy = RetryPolicy(baseDelay: .seconds(2), maxDelay: .seconds(60))
        #expect((1...7).map { policy.ceiling(afterFailedAttempts: $0) } == [2, 4, 8, 16, 32, 60, 60])
        #expect(policy.ceiling(afterFailedAttempts: 10_000) == 60)
        #expect(policy.delay(afterFailedAttempts: 3, retryAfter: nil, unit: 0.5) == 4)
        #expect(policy.delay(afterFailedAttempts: 3, retryAfter: nil, unit: 0) == 0)
    }

    @Test func retryAfterWinsOverBackoffAndIsCapped() {
        let policy = RetryPolicy(baseDelay: .seconds(1), maxDelay: .seconds(60), maxRetryAfter: .seconds(600))
        #expect(policy.delay(afterFailedAttempts: 1, retryAfter: 120, unit: 0.9) == 120)
        #expect(policy.delay(afterFailedAttempts: 1, retryAfter: 86_400, unit: 0.9) == 600)
    }
}

@Suite struct RetryAfterTests {
    let now = Date(timeIntervalSince1970: 784_111_777)  // Sun, 06 Nov 1994 08:49:37 GMT

    @Test func readsSecondsAndAllThreeDateForms() {
        #expect(parseRetryAfter("120", now: now) == 120)
        #expect(parseRetryAfter(" 0 ", now: now) == 0)
        #expect(parseRetryAfter("Sun, 06 Nov 1994 08:50:07 GMT", now: now) == 30)
        #expect(parseRetryAfter("Sunday, 06-Nov-94 08:50:37 GMT", now: now) == 60)
        #expect(parseRetryAfter("Sun Nov  6 08:51:37 1994", now: now) == 120)
        #expect(parseRetryAfter("Sun, 06 Nov 1994 08:00:00 GMT", now: now) == 0)
        #expect(parseRetryAfter("soon", now: now) == nil)
        #expect(parseRetryAfter("-5", now: now) == nil)
    }
}

@Suite struct ClassificationTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test(arguments: [200, 201, 202, 204, 299])
    func twoHundredsAreDelivered(_ status: Int) {
        #expect(
            DeliveryOutcome.classify(status: status, retryAfter: nil, body: "", now: now) == .delivered(status: status))
    }

    @Test(arguments: [408, 429, 500, 502, 503, 504, 599])
    func timeoutsThrottlingAndServerErrorsAreRetried(_ status: Int) {
        let outcome = DeliveryOutcome.classify(status: status, retryAfter: "7", body: "busy", now: now)
        #expect(outcome == .retry(status: status, reason: "HTTP \(status)", retryAfter: 7))
        #expect(outcome.isFailure)
    }

    @Test(arguments: [400, 401, 403, 404, 405, 409, 410, 413, 415, 422, 451])
    func otherClientErrorsAreDeadLetteredWithTheBody(_ status: Int) {
        let outcome = DeliveryOutcome.classify(status: status, retryAfter: "7", body: "bad shipment", now: now)
        #expect(
            outcome
                == .deadLetter(
                    status: status, reason: "HTTP \(status): refused by the destination", responseBody: "bad shipment")
        )
        #expect(!outcome.isFailure)
    }

    @Test func unexpectedStatusesAreDeadLettered() {
        #expect(
            DeliveryOutcome.classify(status: 302, retryAfter: nil, body: "", now: now)
                == .deadLetter(status: 302, reason: "HTTP 302: unexpected status", responseBody: "")
        )
    }
}

@Suite struct TokenBucketTests {
    @Test func allowsTheBurstThenOneTokenPerInterval() {
        var bucket = TokenBucket(rate: 2, burst: 2)
        #expect(bucket.take(now: 0) == nil)
        #expect(bucket.take(now: 0) == nil)
        #expect(bucket.take(now: 0) == 0.5)
        #expect(bucket.take(now: 0.25) == 0.25)
        #expect(bucket.take(now: 0.5) == nil)
        #expect(bucket.take(now: 10) == nil)
        #expect(bucket.take(now: 10) == nil)
        #expect(bucket.take(now: 10) == 0.5)
    }
}

@Suite struct PathTemplateTests {
    @Test func fillsPlaceholdersPercentEncoded() throws {
        let template = try PathTemplate("/shipments/{subject}/events/{id}?type={type}")
        #expect(
            template.expand(id: "e 1", type: "shipment.status", subject: "ACME/42 ü?#")
                == "/shipments/ACME%2F42%20%C3%BC%3F%23/events/e%201?type=shipment.status"
        )
        #expect(template.expand(id: "x", type: "t", subject: nil) == "/shipments//events/x?type=t")
        #expect(percentEncoded("A-z_0.9~") == "A-z_0.9~")
    }

    @Test func namesThePositionOfABadTemplate() {
        #expect(
            throws: PathTemplate.Problem(
                position: 8, message: "unknown placeholder {shipment}; use {id}, {type} or {subject}")
        ) {
            try PathTemplate("/loads/{shipment}")
        }
        #expect(throws: PathTemplate.Problem(position: 4, message: "'{' is never closed")) {
            try PathTemplate("/a/{id")
        }
        #expect(throws: PathTemplate.Problem(position: 3, message: "'}' without '{'")) { try PathTemplate("/a}") }
    }
}

@Suite struct IdempotencyKeyTests {
    @Test func isAStableVersion5UUIDPerEventAndDestination() {
        let key = IdempotencyKey.make(eventID: "5f0c6a8e-1111-5222-8333-444455556666", destination: "erp")
        #expect(key == IdempotencyKey.make(eventID: "5f0c6a8e-1111-5222-8333-444455556666", destination: "erp"))
        #expect(key != IdempotencyKey.make(eventID: "5f0c6a8e-1111-5222-8333-444455556666", destination: "billing"))
        #expect(key != IdempotencyKey.make(eventID: "5f0c6a8e-1111-5222-8333-444455556667", destination: "erp"))
        let chars = Array(key)
        #expect(key.count == 36)
        #expect(chars[14] == "5")
        #expect("89ab".contains(chars[19]))
        #expect(UUID(uuidString: key) != nil)
    }

    @Test func neverChanges() {
        // Pinned: a change here would make every replay look new to every API.
        #expect(
            IdempotencyKey.make(eventID: "e1", destination: "erp")
                == IdempotencyKey.make(eventID: "e1", destination: "erp"))
        #expect(IdempotencyKey.make(eventID: "e1", destination: "erp") == pinnedKey)
    }
}

/// UUIDv5 of "erp" U+001F "e1" in the key namespace, computed apart from this code (Python uuid.uuid5).
let pinnedKey = "905998bf-4686-5e09-ad24-162183e368b9"

@Suite struct SecretRedactionTests {
    @Test func secretsNeverPrint() {
        let destination = HTTPDestination(
            name: "erp", baseURL: "https://erp.example.com",
            auth: .oauth2ClientCredentials(
                OAuth2ClientCredentials(
                    tokenURL: "https://id.example.com/token", clientID: "crossdock", clientSecret: "s3cr3t-1")
            ),
            routes: [], headers: [HTTPHeaderField(name: "X-Tenant-Key", value: "s3cr3t-2")]
        )
        let text =
            "\(destination) \(destination.auth) \(String(reflecting: destination.headers)) \(destination.headers)"
        #expect(!text.contains("s3cr3t"))
        #expect(text.contains("X-Tenant-Key"))
        for auth: HTTPAuth in [
            .bearer(token: "s3cr3t"), .basic(user: "u", password: "s3cr3t"), .apiKey(header: "X-Key", value: "s3cr3t"),
            .hmacSHA256(secret: "whsec_czNjcjN0"),
        ] {
            #expect(!"\(auth)".contains("s3cr3t") && !String(reflecting: auth).contains("s3cr3t"))
            #expect(!String(reflecting: auth).contains("czNjcjN0"))
        }
    }
}
