import Foundation

/// Server-rendered HTML: every value that comes from a partner's file, the store or a request goes
/// through `escape` (`h`), never straight into the page.
enum HTML {
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    /// Escapes for a query string value inside an attribute.
    static func query(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return escape(text.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")
    }

    static func time(_ date: Date?) -> String {
        guard let date else { return "—" }
        return escape(date.formatted(Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC") ?? .gmt)))
    }

    static let style = """
        body{font-family:system-ui,sans-serif;margin:0;color:#1d2330;background:#f6f7f9}
        header{background:#1d2330;color:#fff;padding:.6rem 1.2rem;display:flex;gap:1.2rem;align-items:center}
        header a{color:#cfd6e4;text-decoration:none}header a.on{color:#fff;font-weight:600}
        header form{margin-left:auto}main{padding:1rem 1.2rem}
        table{border-collapse:collapse;background:#fff;width:100%;margin:.5rem 0 1.2rem}
        th,td{border-bottom:1px solid #e3e6ec;padding:.35rem .5rem;text-align:left;font-size:.9rem;vertical-align:top}
        th{background:#eef0f4}.cards{display:flex;gap:1rem;flex-wrap:wrap}
        .card{background:#fff;border:1px solid #e3e6ec;border-radius:6px;padding:.7rem 1rem;min-width:9rem}
        .card b{display:block;font-size:1.6rem}.bad{color:#b3261e}.ok{color:#1e7b34}
        ul.tree{list-style:none;padding-left:1.2rem;border-left:2px solid #e3e6ec}code{font-size:.85rem}
        pre{background:#fff;border:1px solid #e3e6ec;padding:.5rem;white-space:pre-wrap;font-size:.8rem}
        input[type=text],input[type=password]{padding:.3rem;width:16rem}
        """

    static func page(title: String, active: String, csrf: String?, body: String) -> String {
        let links = [
            ("/console", "Overview"), ("/console/files", "Files"), ("/console/dead-letters", "Dead letters"),
            ("/console/partners", "Partners"),
        ]
        .map { "<a href=\"\($0.0)\"\($0.1 == active ? " class=\"on\"" : "")>\($0.1)</a>" }
        .joined()
        let logout =
            csrf.map {
                "<form method=\"post\" action=\"/console/logout\"><input type=\"hidden\" name=\"csrf\" value=\"\(escape($0))\">"
                    + "<button>Sign out</button></form>"
            } ?? ""
        return """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>\(escape(title)) · Crossdock</title>
            <meta name="viewport" content="width=device-width, initial-scale=1"><style>\(style)</style></head>
            <body><header><strong>Crossdock</strong>\(links)\(logout)</header><main><h1>\(escape(title))</h1>
            \(body)
            </main></body></html>
            """
    }

    static func table(_ headers: [String], _ rows: [[String]], empty: String = "Nothing here.") -> String {
        guard !rows.isEmpty else { return "<p>\(escape(empty))</p>" }
        let head = headers.map { "<th>\(escape($0))</th>" }.joined()
        let body = rows.map { "<tr>" + $0.map { "<td>\($0)</td>" }.joined() + "</tr>" }.joined(separator: "\n")
        return "<table><thead><tr>\(head)</tr></thead><tbody>\n\(body)\n</tbody></table>"
    }
}
