import Console
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Store
import Testing

@Suite struct ConsolePageTests {
    static let pages = ["/console", "/console/files", "/console/files/1", "/console/dead-letters", "/console/partners"]

    /// Signs in through the login form and answers the session cookie (`name=value`).
    static func signIn(_ client: any TestClientProtocol) async throws -> String {
        let response = try await client.execute(
            uri: "/console/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
            body: ByteBuffer(string: "token=\(token)"))
        #expect(response.status == .seeOther)
        #expect(response.headers[.location] == "/console")
        let setCookie = response.headers[.setCookie] ?? ""
        #expect(setCookie.contains("HttpOnly"))
        #expect(setCookie.contains("SameSite=Strict"))
        #expect(setCookie.contains("Path=/"))
        return String(setCookie.split(separator: ";")[0])
    }

    static func csrfToken(in page: String) -> String? {
        guard let range = page.range(of: #"name="csrf" value="[0-9a-f]{64}""#, options: .regularExpression) else {
            return nil
        }
        return String(page[range].dropLast().suffix(64))
    }

    @Test func pagesRedirectToTheLoginFormWithoutASession() async throws {
        let fixture = try await Fixture()
        try await fixture.withClient { client in
            for page in Self.pages {
                let response = try await client.execute(uri: page, method: .get)
                #expect(response.status == .seeOther, "\(page)")
                #expect(response.headers[.location] == "/console/login", "\(page)")
            }
            // A bearer header is not a session: browsers cannot send one, and pages never take it.
            let withBearer = try await client.execute(uri: "/console", method: .get, headers: bearer)
            #expect(withBearer.status == .seeOther)
            let forged = try await client.execute(
                uri: "/console", method: .get, headers: [.cookie: "crossdock_session=4102444800.00ff.abcd"])
            #expect(forged.status == .seeOther)
            let login = try await client.execute(uri: "/console/login", method: .get)
            #expect(login.status == .ok)
            #expect(login.text.contains(#"<input type="password" name="token""#))
        }
    }

    @Test func theLoginFormRefusesAWrongTokenAndOpensASessionForTheRightOne() async throws {
        let fixture = try await Fixture()
        try await fixture.withClient { client in
            let wrong = try await client.execute(
                uri: "/console/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "token=guess"))
            #expect(wrong.status == .unauthorized)
            #expect(wrong.headers[.setCookie] == nil)
            #expect(wrong.text.contains("That is not the console token."))

            let cookie = try await Self.signIn(client)
            for page in Self.pages {
                let response = try await client.execute(uri: page, method: .get, headers: [.cookie: cookie])
                #expect(response.status == .ok, "\(page)")
                #expect(response.headers[.contentType] == "text/html; charset=utf-8", "\(page)")
                #expect(Self.csrfToken(in: response.text) != nil, "\(page)")
            }
        }
    }

    @Test func theOverviewShowsThroughputBacklogAndFailures() async throws {
        let fixture = try await Fixture()
        try await fixture.withClient { client in
            let cookie = try await Self.signIn(client)
            let page = try await client.execute(uri: "/console", method: .get, headers: [.cookie: cookie]).text
            #expect(page.contains("<b>2</b>files in 24 h"))
            #expect(page.contains("<b>3</b>events in 24 h"))
            #expect(page.contains("<td>erp</td><td>1</td><td>0</td><td><span class=\"bad\">1</span></td>"))
            #expect(page.contains("HTTP 422 &lt;refused&gt;"))
            #expect(page.contains("<code>ev-2</code>"))
        }
    }

    @Test func theFilesFilterFormWithEmptyFieldsListsEveryFileAndFiltersByPartner() async throws {
        let fixture = try await Fixture()
        try await fixture.withClient { client in
            let cookie = try await Self.signIn(client)
            let all = try await client.execute(uri: "/console/files?partner=&outcome=", method: .get, headers: [.cookie: cookie])
            #expect(all.status == .ok)
            #expect(all.text.contains("214_acme_0001.edi"))
            #expect(all.text.contains("1 of 2 transaction sets rejected"))
            let acme = try await client.execute(
                uri: "/console/files?partner=ACMEFOODS&outcome=", method: .get, headers: [.cookie: cookie])
            #expect(acme.text.contains("214_acme_0001.edi"))
            #expect(!acme.text.contains("1 of 2 transaction sets rejected"))
            #expect(acme.text.contains(#"name="partner" value="ACMEFOODS""#))
        }
    }

    @Test func partnerDataIsEscapedOnEveryPage() async throws {
        let fixture = try await Fixture()
        try await fixture.withClient { client in
            let cookie = try await Self.signIn(client)
            let escapedName = "&lt;script&gt;alert(&#39;name&#39;)&lt;/script&gt;.edi"
            let escapedSubject = "&lt;img src=x onerror=alert(1)&gt;"
            let files = try await client.execute(uri: "/console/files", method: .get, headers: [.cookie: cookie]).text
            #expect(files.contains(escapedName))
            let lineage = try await client.execute(
                uri: "/console/files/\(fixture.secondFile)", method: .get, headers: [.cookie: cookie]
            ).text
            #expect(lineage.contains(escapedName))
            #expect(lineage.contains("subject \(escapedSubject)"))
            #expect(lineage.contains("&quot;tag&quot;:&quot;B10&quot;"))
            let overview = try await client.execute(uri: "/console", method: .get, headers: [.cookie: cookie]).text
            #expect(overview.contains(escapedName))
            let dead = try await client.execute(uri: "/console/dead-letters", method: .get, headers: [.cookie: cookie])
                .text
            #expect(dead.contains("&lt;b&gt;bad load&lt;/b&gt;"))
            for page in [files, lineage, overview, dead] {
                #expect(!page.contains("<script>alert"))
                #expect(!page.contains("<img src=x"))
                #expect(!page.contains("<b>bad load"))
            }
        }
    }

    @Test func replayFromTheConsoleNeedsTheSessionsCSRFToken() async throws {
        let fixture = try await Fixture()
        try await fixture.withClient { client in
            let cookie = try await Self.signIn(client)
            let other = try await Self.signIn(client)
            let page = try await client.execute(uri: "/console/dead-letters", method: .get, headers: [.cookie: cookie])
                .text
            let csrf = try #require(Self.csrfToken(in: page))
            let otherPage = try await client.execute(
                uri: "/console/dead-letters", method: .get, headers: [.cookie: other]
            ).text
            let otherCSRF = try #require(Self.csrfToken(in: otherPage))
            #expect(csrf != otherCSRF)
            #expect(page.contains(#"<input type="hidden" name="destination" value="erp">"#))
            let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]

            for body in [
                "destination=erp&reason=fix", "csrf=&destination=erp&reason=fix",
                "csrf=\(otherCSRF)&destination=erp&reason=fix",
            ] {
                let refused = try await client.execute(
                    uri: "/console/replay", method: .post, headers: form + [.cookie: cookie],
                    body: ByteBuffer(string: body))
                #expect(refused.status == .forbidden, "\(body)")
                #expect(object(try refused.json()["error"])["code"] as? String == "forbidden")
            }
            let noSession = try await client.execute(
                uri: "/console/replay", method: .post, headers: form,
                body: ByteBuffer(string: "csrf=\(csrf)&destination=erp&reason=fix"))
            #expect(noSession.status == .unauthorized)
            let before = try await fixture.store.auditLog(limit: 10, offset: 0)
            #expect(before.isEmpty)

            let accepted = try await client.execute(
                uri: "/console/replay", method: .post, headers: form + [.cookie: cookie],
                body: ByteBuffer(string: "csrf=\(csrf)&destination=erp&reason=mapping+fixed"))
            #expect(accepted.status == .ok)
            #expect(accepted.text.contains("Replayed 1 row of destination erp dead letters."))
            let audit = try await fixture.store.auditLog(limit: 10, offset: 0)
            #expect(audit.map(\.actor) == ["console"])
            #expect(audit.map(\.detail) == ["1 row: mapping fixed"])
        }
    }

    @Test func withoutATokenASessionIsOpenedOnTheFirstPageAndFormsStillNeedItsToken() async throws {
        let fixture = try await Fixture()
        try await fixture.withClient(token: nil) { client in
            let first = try await client.execute(uri: "/console/dead-letters", method: .get)
            #expect(first.status == .ok)
            let cookie = String((first.headers[.setCookie] ?? "").split(separator: ";")[0])
            #expect(cookie.hasPrefix("crossdock_session="))
            let csrf = try #require(Self.csrfToken(in: first.text))
            let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
            let forged = try await client.execute(
                uri: "/console/replay", method: .post, headers: form,
                body: ByteBuffer(string: "csrf=\(csrf)&destination=erp&reason=x"))
            #expect(forged.status == .forbidden)
            let accepted = try await client.execute(
                uri: "/console/replay", method: .post, headers: form + [.cookie: cookie],
                body: ByteBuffer(string: "csrf=\(csrf)&event=ev-2&reason=x"))
            #expect(accepted.status == .ok)
            let audit = try await fixture.store.auditLog(limit: 10, offset: 0)
            #expect(audit.map(\.target) == ["event ev-2"])
        }
    }

    @Test func signingOutNeedsTheCSRFTokenAndExpiresTheCookie() async throws {
        let fixture = try await Fixture()
        try await fixture.withClient { client in
            let cookie = try await Self.signIn(client)
            let page = try await client.execute(uri: "/console/partners", method: .get, headers: [.cookie: cookie]).text
            #expect(page.contains("ACME Foods"))
            #expect(page.contains("PRAIRIEFRT</a> (not configured)"))
            #expect(page.contains("100.0 %"))
            let csrf = try #require(Self.csrfToken(in: page))
            let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded", .cookie: cookie]
            let refused = try await client.execute(
                uri: "/console/logout", method: .post, headers: form, body: ByteBuffer(string: "csrf=0"))
            #expect(refused.status == .forbidden)
            let out = try await client.execute(
                uri: "/console/logout", method: .post, headers: form, body: ByteBuffer(string: "csrf=\(csrf)"))
            #expect(out.status == .seeOther)
            #expect(out.headers[.setCookie]?.contains("Max-Age=0") == true)
            let after = try await client.execute(uri: "/console/partners", method: .get, headers: [.cookie: cookie])
            #expect(after.status == .seeOther)
            #expect(after.headers[.location] == "/console/login")
        }
    }
}
