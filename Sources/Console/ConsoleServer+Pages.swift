import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import Store

/// The fields of the console's replay form.
struct ReplayForm: Decodable {
    var csrf: String?
    var event: String?
    var destination: String?
    var file: Int64?
    var reason: String?
}

struct LoginForm: Decodable {
    var token: String?
    /// Where to go after signing in: a console path, nothing else (no open redirect).
    var next: String?
}

struct CSRFForm: Decodable {
    var csrf: String?
}

extension ConsoleServer {
    private func h(_ text: String?) -> String { text.map(HTML.escape) ?? "—" }

    private func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status,
            headers: [
                .contentType: "text/html; charset=utf-8", .cacheControl: "no-store",
                .contentSecurityPolicy:
                    "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
            ],
            body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    private func csrf(_ context: ConsoleRequestContext) -> String? { context.session.map(auth.csrfToken(for:)) }

    private func fileLink(_ id: FileID?, _ name: String) -> String {
        guard let id else { return h(name) }
        return "<a href=\"/console/files/\(id.rawValue)\">\(h(name))</a>"
    }

    func addPages(_ console: RouterGroup<ConsoleRequestContext>) {
        console.get { _, context in try await overviewPage(context) }
        console.get("files") { request, context in try await filesPage(request, context) }
        console.get("files/:id") { _, context in try await lineagePage(context) }
        console.get("dead-letters") { request, context in try await deadLettersPage(request, context) }
        console.get("partners") { _, context in try await partnersPage(context) }
        console.post("replay") { request, context in try await replayFromForm(request, context) }
        console.post("logout") { request, context in
            let form = try await formBody(CSRFForm.self, request)
            guard let session = context.session, auth.acceptsCSRF(form.csrf, for: session) else {
                throw ConsoleError(.forbidden, "the form's CSRF token does not match this session")
            }
            auth.revoke(session, now: options.clock())
            var response = Response(status: .seeOther, headers: [.location: "/console/login"])
            response.setCookie(ConsoleAuth.expiredCookie)
            return response
        }
    }

    // MARK: Login

    func loginPage(request: Request, failed: Bool) -> Response {
        if auth.token == nil { return Response(status: .seeOther, headers: [.location: "/console"]) }
        let message = failed ? "<p class=\"bad\">That is not the console token.</p>" : ""
        // `#token=…&next=/console/…` in the address signs in at once (for headless browsers, see
        // scripts/console-screenshot.sh): a fragment never reaches the server or its logs, and the script
        // takes it out of the address and history before posting the form.
        let body = """
            \(message)<form id="login" method="post" action="/console/login">
            <input type="hidden" name="next" value="/console">
            <p><label>Console token <input type="password" name="token" autocomplete="current-password" autofocus></label></p>
            <p><button>Sign in</button></p></form>
            <p>The token is the <code>console.token</code> of <code>crossdock.yaml</code>. Signing in sets a session cookie
            (HttpOnly, SameSite=Strict) that lasts \(options.sessionLifetime.components.seconds / 3600) hours or until the server restarts.</p>
            <script>
            (function(){var h=new URLSearchParams(location.hash.slice(1));var t=h.get('token');if(!t)return;
            history.replaceState(null,'',location.pathname);var f=document.getElementById('login');
            f.token.value=t;var n=h.get('next');if(n&&n.indexOf('/console')===0)f.next.value=n;f.submit();})();
            </script>
            """
        return html(
            HTML.page(title: "Sign in", active: "", csrf: nil, body: body), status: failed ? .unauthorized : .ok)
    }

    func login(request: Request, context: ConsoleRequestContext) async throws -> Response {
        if auth.token == nil { return Response(status: .seeOther, headers: [.location: "/console"]) }
        let form = try await formBody(LoginForm.self, request)
        guard let token = form.token, auth.acceptsToken(token) else {
            logger.warning("console sign-in refused")
            return loginPage(request: request, failed: true)
        }
        let now = options.clock()
        var next = "/console"
        if let wanted = form.next, wanted == "/console" || wanted.hasPrefix("/console/"),
            wanted.allSatisfy({ $0.isASCII && !$0.isWhitespace && $0 != "\\" })
        {
            next = wanted
        }
        var response = Response(status: .seeOther, headers: [.location: next])
        response.setCookie(auth.cookie(for: auth.newSession(now: now), now: now))
        return response
    }

    /// A form body (`application/x-www-form-urlencoded`), at most `maxBodyBytes`.
    func formBody<T: Decodable>(_ type: T.Type, _ request: Request) async throws -> T {
        let contentType = request.headers[.contentType] ?? ""
        guard contentType.lowercased().hasPrefix("application/x-www-form-urlencoded") else {
            throw ConsoleError(.unsupportedMediaType, "the body must be a form (application/x-www-form-urlencoded)")
        }
        let buffer = try await body(request)
        do {
            return try URLEncodedFormDecoder().decode(T.self, from: String(buffer: buffer))
        } catch {
            throw ConsoleError(.invalidBody, "the form cannot be read")
        }
    }

    // MARK: Pages

    func overviewPage(_ context: ConsoleRequestContext) async throws -> Response {
        let overview = try await data.overview()
        let files = overview.filesByOutcome
        let failedFiles = (files["rejected"] ?? 0) + (files["failed"] ?? 0) + (files["duplicate"] ?? 0)
        let attempts = overview.attemptsByResult
        let cards = """
            <div class="cards">
            <div class="card"><b>\(files.values.reduce(0, +))</b>files in 24 h</div>
            <div class="card"><b>\(overview.events)</b>events in 24 h</div>
            <div class="card"><b class="ok">\(attempts["delivered"] ?? 0)</b>deliveries in 24 h</div>
            <div class="card"><b class="bad">\(failedFiles + (files["partial"] ?? 0))</b>files not processed in 24 h</div>
            <div class="card"><b class="bad">\((attempts["retry"] ?? 0) + (attempts["deadLetter"] ?? 0))</b>failed deliveries in 24 h</div>
            </div>
            """
        let outcomes = HTML.table(
            ["outcome", "files in 24 h"],
            FileOutcome.allCases.map { [h($0.rawValue), "\(files[$0.rawValue] ?? 0)"] })
        let backlog = HTML.table(
            ["destination", "backlog", "retrying", "dead", "oldest waiting", "last error"],
            overview.destinations.map {
                [
                    h($0.id), "\($0.backlog)", "\($0.retrying)",
                    $0.dead > 0 ? "<span class=\"bad\">\($0.dead)</span>" : "0",
                    HTML.time($0.oldestWaiting), h($0.lastError),
                ]
            }, empty: "No destination has rows yet.")
        let since = options.clock().addingTimeInterval(-86_400)
        let failures = try await data.store.recentFailures(limit: 50).filter { $0.attemptedAt >= since }
        let failureTable = HTML.table(
            ["time", "destination", "event", "result", "status", "error"],
            failures.map {
                [
                    HTML.time($0.attemptedAt), h($0.destination), "<code>\(h($0.eventID))</code>",
                    h($0.result.rawValue),
                    $0.status.map(String.init) ?? "—", h($0.error),
                ]
            }, empty: "No failed delivery in the last 24 hours.")
        let badFiles = try await data.store.files(FileQuery(receivedAfter: since, limit: 500))
            .filter { $0.outcome != .processed }
        let badFileTable = HTML.table(
            ["received", "partner", "file", "outcome", "note"],
            badFiles.prefix(50).map {
                [HTML.time($0.receivedAt), h($0.partner), fileLink($0.id, $0.name), h($0.outcome.rawValue), h($0.note)]
            }, empty: "Every file of the last 24 hours was processed.")
        let body =
            cards + "<h2>Throughput</h2>" + outcomes + "<h2>Backlog per destination</h2>" + backlog
            + "<h2>Files not processed (24 h)</h2>" + badFileTable + "<h2>Failed deliveries (24 h)</h2>" + failureTable
        return html(HTML.page(title: "Overview", active: "Overview", csrf: csrf(context), body: body))
    }

    func filesPage(_ request: Request, _ context: ConsoleRequestContext) async throws -> Response {
        let page = try Page(request)
        let query = try fileQuery(request, page: page)
        let rows = try await data.store.files(query)
        let table = HTML.table(
            [
                "id", "received", "source", "partner", "file", "format", "outcome", "accepted", "rejected", "events",
                "note",
            ],
            rows.prefix(page.limit).map {
                [
                    "\($0.id?.rawValue ?? 0)", HTML.time($0.receivedAt), h($0.source), h($0.partner),
                    fileLink($0.id, $0.name),
                    h($0.format), h($0.outcome.rawValue), "\($0.transactionsAccepted)", "\($0.transactionsRejected)",
                    "\($0.eventCount)", h($0.note),
                ]
            }, empty: "No file matches.")
        var filters: [String] = []
        if let partner = query.partner { filters.append("partner=" + HTML.query(partner)) }
        if let outcome = query.outcome { filters.append("outcome=" + outcome.rawValue) }
        let base = "/console/files?" + (filters + ["limit=\(page.limit)"]).joined(separator: "&amp;")
        var nav: [String] = []
        if page.offset > 0 {
            nav.append("<a href=\"\(base)&amp;offset=\(max(0, page.offset - page.limit))\">← newer</a>")
        }
        if rows.count > page.limit {
            nav.append("<a href=\"\(base)&amp;offset=\(page.offset + page.limit)\">older →</a>")
        }
        let outcomes = FileOutcome.allCases.map {
            "<option\(query.outcome == $0 ? " selected" : "")>\($0.rawValue)</option>"
        }.joined()
        let filterForm = """
            <form method="get" action="/console/files">
            <label>Partner <input type="text" name="partner" value="\(h(query.partner ?? ""))"></label>
            <label>Outcome <select name="outcome"><option value="">any</option>\(outcomes)</select></label>
            <button>Filter</button></form>
            """
        let body = filterForm + table + "<p>" + nav.joined(separator: " · ") + "</p>"
        return html(HTML.page(title: "Files", active: "Files", csrf: csrf(context), body: body))
    }

    func lineagePage(_ context: ConsoleRequestContext) async throws -> Response {
        let id = try fileID(context)
        guard let lineage = try await data.store.lineage(of: id) else { throw ConsoleError(.notFound, "no file \(id)") }
        let tree = LineageJSON(lineage)
        let file = tree.file
        let token = csrf(context) ?? ""
        func transaction(_ t: TransactionJSON) -> String {
            let label = t.transactionSet.map { "\(h($0)) \(h(t.controlNumber))" } ?? "record \(t.index + 1)"
            let findings =
                t.findings.isEmpty
                ? ""
                : "<pre>"
                    + t.findings.map { value -> String in
                        let data = (try? JSONResponse.encoder.encode(value)) ?? Data()
                        return h(String(decoding: data, as: UTF8.self))
                    }.joined(separator: "\n") + "</pre>"
            let events = t.events.map { event -> String in
                let deliveries = event.deliveries.map { delivery -> String in
                    let attempts = delivery.attempts.map {
                        "<li>\(HTML.time($0.attemptedAt)) \(h($0.result))\($0.status.map { " HTTP \($0)" } ?? "") \(h($0.error ?? ""))</li>"
                    }.joined()
                    return
                        "<li>→ \(h(delivery.destination)): <b>\(h(delivery.state))</b><ul class=\"tree\">\(attempts)</ul></li>"
                }.joined()
                return "<li>event <code>\(h(event.id))</code> \(h(event.type)) · subject \(h(event.subject))"
                    + "<ul class=\"tree\">\(deliveries)</ul></li>"
            }.joined()
            return "<li>transaction \(label) · verdict <b>\(h(t.verdict))</b> · bytes \(t.byteOffset)+\(t.byteLength)"
                + findings + "<ul class=\"tree\">\(events)</ul></li>"
        }
        let interchanges = tree.interchanges.map { ic in
            let groups = ic.groups.map { group in
                "<li>group \(h(group.functionalID)) \(h(group.controlNumber)) · verdict <b>\(h(group.verdict))</b>"
                    + "<ul class=\"tree\">" + group.transactions.map(transaction).joined() + "</ul></li>"
            }.joined()
            return "<li>interchange \(h(ic.controlNumber)) from \(h(ic.sender)) to \(h(ic.receiver)) (\(h(ic.version)))"
                + " · verdict <b>\(h(ic.verdict))</b>\(ic.note.map { " · \(h($0))" } ?? "")"
                + "<ul class=\"tree\">\(groups)</ul></li>"
        }.joined()
        let records =
            tree.records.isEmpty
            ? "" : "<h2>Records</h2><ul class=\"tree\">" + tree.records.map(transaction).joined() + "</ul>"
        let acks = HTML.table(
            ["kind", "code", "answers", "control number", "file", "sent"],
            tree.acks.map {
                [
                    h($0.kind), h($0.code), h($0.answersInterchange), h($0.controlNumber), h($0.fileName),
                    HTML.time($0.sentAt),
                ]
            },
            empty: "No acknowledgement.")
        let replay =
            file.events == 0
            ? ""
            : """
            <form method="post" action="/console/replay" onsubmit="return confirm('Replay every event of this file?')">
            <input type="hidden" name="csrf" value="\(h(token))"><input type="hidden" name="file" value="\(file.id)">
            <label>Reason <input type="text" name="reason" required></label> <button>Replay this file's events</button></form>
            """
        let body = """
            <p>\(h(file.name)) · partner \(h(file.partner)) · source \(h(file.source)) · \(h(file.format)) · \(file.size) bytes ·
            received \(HTML.time(file.receivedAt))</p>
            <p>Outcome <b>\(h(file.outcome))</b>\(file.note.map { " · \(h($0))" } ?? "") · SHA-256 <code>\(h(file.sha256))</code></p>
            <h2>Lineage</h2><ul class="tree">\(interchanges)</ul>\(records)
            <h2>Acknowledgements</h2>\(acks)\(replay)
            """
        return html(HTML.page(title: "File \(file.id)", active: "Files", csrf: token, body: body))
    }

    func deadLettersPage(_ request: Request, _ context: ConsoleRequestContext) async throws -> Response {
        let page = try Page(request)
        let destination = parameter(request, "destination")
        let rows = try await data.store.deadLetters(
            destination: destination, limit: page.fetchLimit, offset: page.offset)
        let token = h(csrf(context) ?? "")
        func form(_ field: String, _ value: String, _ label: String) -> String {
            "<form method=\"post\" action=\"/console/replay\" onsubmit=\"return confirm('\(h(label))?')\">"
                + "<input type=\"hidden\" name=\"csrf\" value=\"\(token)\">"
                + "<input type=\"hidden\" name=\"\(field)\" value=\"\(h(value))\">"
                + "<input type=\"text\" name=\"reason\" placeholder=\"reason\" required> <button>\(h(label))</button></form>"
        }
        let destinations = try await data.destinationViews().filter { $0.dead > 0 }
        let perDestination = HTML.table(
            ["destination", "dead letters", "last error", ""],
            destinations.map { [h($0.id), "\($0.dead)", h($0.lastError), form("destination", $0.id, "Replay all")] },
            empty: "No dead letters.")
        let table = HTML.table(
            ["when", "destination", "event", "type", "subject", "attempts", "status", "error", "response", ""],
            rows.prefix(page.limit).map {
                [
                    HTML.time($0.at), h($0.destination), "<code>\(h($0.eventID))</code>", h($0.eventType),
                    h($0.subject),
                    "\($0.attempts)", $0.status.map(String.init) ?? "—", h($0.error),
                    $0.responseBody.map { "<pre>\(h(String($0.prefix(500))))</pre>" } ?? "—",
                    form("event", $0.eventID, "Replay"),
                ]
            }, empty: "No dead letters.")
        var nav: [String] = []
        let base =
            "/console/dead-letters?" + (destination.map { "destination=\(HTML.query($0))&amp;" } ?? "")
            + "limit=\(page.limit)"
        if page.offset > 0 {
            nav.append("<a href=\"\(base)&amp;offset=\(max(0, page.offset - page.limit))\">← newer</a>")
        }
        if rows.count > page.limit {
            nav.append("<a href=\"\(base)&amp;offset=\(page.offset + page.limit)\">older →</a>")
        }
        let body =
            "<h2>By destination</h2>" + perDestination + "<h2>Dead letters</h2>" + table
            + "<p>" + nav.joined(separator: " · ") + "</p>"
        return html(HTML.page(title: "Dead letters", active: "Dead letters", csrf: csrf(context), body: body))
    }

    func partnersPage(_ context: ConsoleRequestContext) async throws -> Response {
        let partners = try await data.partnerViews()
        let table = HTML.table(
            [
                "partner", "name", "last file", "last ack", "files (\(options.partnerWindowDays) d)", "not processed",
                "error rate",
            ],
            partners.map { partner in
                let lastFile =
                    partner.lastFile.map {
                        "<a href=\"/console/files/\($0.id)\">\(h($0.name))</a> · \(h($0.outcome)) · \(HTML.time($0.receivedAt))"
                    } ?? "—"
                let lastAck =
                    partner.lastAck.map {
                        "\(h($0.kind)) \(h($0.code)) for \(h($0.answersInterchange)) · \($0.sentAt == nil ? "not sent yet" : "sent " + HTML.time($0.sentAt))"
                    } ?? "—"
                let rate = partner.errorRate.map { String(format: "%.1f %%", $0 * 100) } ?? "—"
                return [
                    "<a href=\"/console/files?partner=\(HTML.query(partner.id))\">\(h(partner.id))</a>"
                        + (partner.configured ? "" : " (not configured)"),
                    h(partner.name), lastFile, lastAck, "\(partner.files)", "\(partner.filesNotProcessed)", rate,
                ]
            }, empty: "No partner yet.")
        return html(HTML.page(title: "Partners", active: "Partners", csrf: csrf(context), body: table))
    }

    // MARK: Replay

    func replayFromForm(_ request: Request, _ context: ConsoleRequestContext) async throws -> Response {
        let form = try await formBody(ReplayForm.self, request)
        guard let session = context.session, auth.acceptsCSRF(form.csrf, for: session) else {
            logger.warning("console replay refused: CSRF token missing or wrong")
            throw ConsoleError(.forbidden, "the form's CSRF token does not match this session; reload the page")
        }
        let (selector, target) = try replaySelector(
            ReplayRequest(
                event: form.event.flatMap { $0.isEmpty ? nil : $0 },
                destination: form.destination.flatMap { $0.isEmpty ? nil : $0 }, file: form.file,
                reason: form.reason ?? ""))
        let count = try await data.store.replay(
            selector, actor: context.actor, reason: form.reason, now: options.clock())
        logger.notice("replay", metadata: ["actor": "\(context.actor)", "target": "\(target)", "rows": "\(count)"])
        let body =
            "<p class=\"ok\">Replayed \(count) row\(count == 1 ? "" : "s") of \(h(target)).</p>"
            + "<p><a href=\"/console/dead-letters\">Back to the dead letters</a> · <a href=\"/console\">Overview</a></p>"
        return html(HTML.page(title: "Replayed", active: "Dead letters", csrf: csrf(context), body: body))
    }
}
