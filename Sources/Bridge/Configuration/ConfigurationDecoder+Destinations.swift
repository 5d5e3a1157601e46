public import Delivery
import Canonical
import Foundation
import Mapping
import Transport
import X12

/// `destinations[]` (HTTP and folder) and `routes[]`, which must find a request at every HTTP destination they name.
extension ConfigurationDecoder {
    enum DestinationKind: String, CaseIterable { case http, folder }
    enum AuthKind: String, CaseIterable {
        case none, bearer, basic, oauth2, apiKey = "api-key", hmacSHA256 = "hmac-sha256"
    }

    mutating func decodeDestination(_ node: YAMLNode, key: String) -> DestinationSettings? {
        let kind = self.kind(node, key: key, DestinationKind.allCases)
        let common = ["id", "kind"]
        let folderKeys = ["path"]
        let httpKeys = [
            "base_url", "auth", "routes", "connect_timeout", "timeout", "concurrency", "rate_limit",
            "idempotency_header", "retry", "circuit_breaker", "headers",
        ]
        let allowed = switch kind {
        case .some(.folder): common + folderKeys
        case .some(.http): common + httpKeys
        default: common + folderKeys + httpKeys
        }
        guard let fields = reader.fields(node, key: key, allowed: allowed, required: ["id", "kind"]) else { return nil }
        let id = self.id(fields, in: \.destinationIDs, what: "destination")
        switch kind {
        case .some(.folder):
            guard fields["path"] != nil else {
                reader.report(.missingKey, line: fields.line, key: fields.path("path"), "'path' is required")
                return nil
            }
            guard let path = reader.localPath(fields["path"], key: fields.path("path")), let id else { return nil }
            return DestinationSettings(id: DestinationID(id), kind: .folder(path: path))
        case .some(.http):
            return decodeHTTP(fields, id: id)
        default:
            return nil
        }
    }

    mutating func decodeHTTP(_ fields: Fields, id: String?) -> DestinationSettings? {
        var failed = false
        func check<T>(_ value: T?, _ name: String) -> T? {
            if fields[name] != nil && value == nil { failed = true }
            return value
        }
        for name in ["base_url", "routes"] where fields[name] == nil {
            reader.report(.missingKey, line: fields.line, key: fields.path(name), "'\(name)' is required")
            failed = true
        }
        let baseURL = check(url(fields["base_url"], key: fields.path("base_url")), "base_url")
        let auth = fields["auth"] == nil ? HTTPAuthSettings.none : check(decodeAuth(fields["auth"]!, key: fields.path("auth")), "auth")
        var routes: [HTTPRouteSettings] = []
        if let node = fields["routes"] {
            var seen: [EventPattern: Int] = [:]
            let decoded = items(node, key: fields.path("routes")) { decoder, item, key in
                decoder.decodeHTTPRoute(item, key: key).map { ($0, item.line, key) }
            }
            if let list = node.sequence, decoded.count != list.count { failed = true }
            if let list = node.sequence, list.isEmpty {
                reader.report(.invalidValue, line: node.line, key: fields.path("routes"),
                              "no routes; list at least one (event \"*\" catches every type)")
            }
            if node.sequence?.isEmpty ?? true { failed = true }
            for (route, line, key) in decoded {
                if let other = seen[route.events] {
                    reader.report(.duplicateID, line: line, key: key + ".event", "this event pattern already has a route at line \(other)")
                    failed = true
                }
                seen[route.events] = line
                routes.append(route)
            }
        }
        let connect = fields["connect_timeout"] == nil ? .seconds(10) : check(reader.duration(fields["connect_timeout"], key: fields.path("connect_timeout"), positive: true), "connect_timeout")
        let timeout = fields["timeout"] == nil ? .seconds(30) : check(reader.duration(fields["timeout"], key: fields.path("timeout"), positive: true), "timeout")
        let concurrency = fields["concurrency"] == nil ? 4 : check(reader.integer(fields["concurrency"], key: fields.path("concurrency"), minimum: 1), "concurrency")
        let rateLimit = fields["rate_limit"].flatMap { decodeRateLimit($0, key: fields.path("rate_limit")) }
        if fields["rate_limit"] != nil && rateLimit == nil { failed = true }
        let idempotency = fields["idempotency_header"] == nil ? "Idempotency-Key" : check(headerName(fields["idempotency_header"], key: fields.path("idempotency_header")), "idempotency_header")
        let retry = fields["retry"] == nil ? RetrySettings() : check(decodeRetry(fields["retry"]!, key: fields.path("retry")), "retry")
        let breaker = fields["circuit_breaker"] == nil ? CircuitBreakerSettings() : check(decodeBreaker(fields["circuit_breaker"]!, key: fields.path("circuit_breaker")), "circuit_breaker")
        var headers: [HTTPHeaderSetting] = []
        if let node = fields["headers"] {
            if case .mapping(let entries, _) = node {
                for entry in entries {
                    let key = fields.path("headers") + "." + entry.key
                    guard let name = headerName(.scalar(entry.key, line: entry.line), key: key),
                          let value = reader.string(entry.value, key: key) else { failed = true; continue }
                    headers.append(HTTPHeaderSetting(name: name, value: value))
                }
            } else {
                reader.report(.wrongType, line: node.line, key: fields.path("headers"), "expected a mapping of header names to values, found \(reader.shown(node))")
                failed = true
            }
        }
        guard !failed, let id, let baseURL, let auth, let connect, let timeout, let concurrency, let idempotency,
              let retry, let breaker else { return nil }
        let http = HTTPDestinationSettings(
            baseURL: baseURL, auth: auth, routes: routes, connectTimeout: connect, requestTimeout: timeout,
            concurrency: concurrency, rateLimit: rateLimit, idempotencyHeader: idempotency, retry: retry,
            circuitBreaker: breaker, headers: headers)
        httpDestinations[id] = http
        return DestinationSettings(id: DestinationID(id), kind: .http(http))
    }

    mutating func url(_ node: YAMLNode?, key: String) -> URL? {
        guard let node, let value = reader.scalar(node, key: key) else { return nil }
        guard let url = URL(string: value.text), ["http", "https"].contains(url.scheme?.lowercased() ?? ""),
              let host = url.host, !host.isEmpty else {
            reader.report(.invalidValue, line: node.line, key: key, "\(value.shown) is not an http or https URL")
            return nil
        }
        return url
    }

    mutating func headerName(_ node: YAMLNode?, key: String) -> String? {
        guard let node, let value = reader.name(node, key: key) else { return nil }
        let token = "!#$%&'*+-.^_`|~"
        guard value.unicodeScalars.allSatisfy({ Self.isAlphanumeric($0) || token.unicodeScalars.contains($0) }) else {
            reader.report(.invalidValue, line: node.line, key: key, "\(reader.quote(node, value)) is not an HTTP header name")
            return nil
        }
        return value
    }

    mutating func decodeAuth(_ node: YAMLNode, key: String) -> HTTPAuthSettings? {
        let kind = self.kind(node, key: key, AuthKind.allCases)
        let keys: [AuthKind: [String]] = [
            .none: [], .bearer: ["token"], .basic: ["user", "password"],
            .oauth2: ["token_url", "client_id", "client_secret", "scope", "audience"],
            .apiKey: ["header", "key"], .hmacSHA256: ["secret"],
        ]
        let required: [AuthKind: [String]] = [
            .bearer: ["token"], .basic: ["user", "password"], .oauth2: ["token_url", "client_id", "client_secret"],
            .apiKey: ["header", "key"], .hmacSHA256: ["secret"],
        ]
        let resolved: AuthKind? = kind ?? nil
        let allowed: [String] = if let resolved { ["kind"] + keys[resolved]! } else { ["kind"] + Array(Set(keys.values.joined())) }
        let needed = resolved.flatMap { required[$0] } ?? []
        guard let fields = reader.fields(node, key: key, allowed: allowed, required: ["kind"] + needed),
              let kind = resolved else { return nil }
        func secret(_ name: String) -> Secret? { reader.secret(fields[name], key: fields.path(name)) }
        switch kind {
        case .none: return HTTPAuthSettings.none
        case .bearer: return secret("token").map { .bearer(token: $0) }
        case .basic:
            guard let user = reader.name(fields["user"], key: fields.path("user")), let password = secret("password") else { return nil }
            return .basic(user: user, password: password)
        case .oauth2:
            let tokenURL = url(fields["token_url"], key: fields.path("token_url"))
            let clientID = reader.name(fields["client_id"], key: fields.path("client_id"))
            let clientSecret = secret("client_secret")
            let scope = reader.name(fields["scope"], key: fields.path("scope"))
            let audience = reader.name(fields["audience"], key: fields.path("audience"))
            guard let tokenURL, let clientID, let clientSecret else { return nil }
            return .oauth2(tokenURL: tokenURL, clientID: clientID, clientSecret: clientSecret, scope: scope, audience: audience)
        case .apiKey:
            guard let header = headerName(fields["header"], key: fields.path("header")), let key = secret("key") else { return nil }
            return .apiKey(header: header, key: key)
        case .hmacSHA256:
            return secret("secret").map { .hmacSHA256(secret: $0) }
        }
    }

    mutating func decodeHTTPRoute(_ node: YAMLNode, key: String) -> HTTPRouteSettings? {
        guard let fields = reader.fields(node, key: key, allowed: ["event", "method", "path", "body_mapping"], required: ["event", "path"]) else {
            return nil
        }
        let events = fields["event"].flatMap { eventPattern($0, key: fields.path("event")) }
        let method = fields["method"] == nil ? "POST" : reader.choice(fields["method"], key: fields.path("method"), HTTPMethod.allCases)?.rawValue
        var path = reader.name(fields["path"], key: fields.path("path"))
        if let value = path, let node = fields["path"] {
            if let problem = Self.pathTemplateProblem(value) {
                reader.report(.invalidValue, line: node.line, key: fields.path("path"), problem)
                path = nil
            }
        }
        let bodyMapping = reader.name(fields["body_mapping"], key: fields.path("body_mapping"))
        if let bodyMapping {
            mappingReferences.append(MappingReference(
                owner: key, name: bodyMapping, format: nil, isBody: true, line: fields.line(of: "body_mapping"),
                key: fields.path("body_mapping")))
        }
        guard let events, let method, let path, fields["body_mapping"] == nil || bodyMapping != nil else { return nil }
        return HTTPRouteSettings(events: events, method: method, path: path, bodyMapping: bodyMapping)
    }

    enum HTTPMethod: String, CaseIterable { case POST, PUT, PATCH, DELETE }

    static func pathTemplateProblem(_ path: String) -> String? {
        guard path.hasPrefix("/") else { return "a route path starts with '/' (it is appended to the base URL)" }
        var rest = Substring(path)
        while let open = rest.firstIndex(where: { $0 == "{" || $0 == "}" }) {
            guard rest[open] == "{", let close = rest[open...].firstIndex(of: "}") else {
                return "a '{' or '}' in the path is not part of a placeholder; placeholders are {id}, {type} and {subject}"
            }
            let name = rest[rest.index(after: open)..<close]
            guard ["id", "type", "subject"].contains(name) else {
                return "unknown placeholder '{\(name)}'; placeholders are {id}, {type} and {subject}"
            }
            rest = rest[rest.index(after: close)...]
        }
        return nil
    }

    mutating func decodeRateLimit(_ node: YAMLNode, key: String) -> RateLimitSettings? {
        guard let fields = reader.fields(node, key: key, allowed: ["requests", "per"], required: ["requests", "per"]) else { return nil }
        let requests = reader.integer(fields["requests"], key: fields.path("requests"), minimum: 1)
        let per = reader.duration(fields["per"], key: fields.path("per"), positive: true)
        guard let requests, let per else { return nil }
        return RateLimitSettings(requests: requests, per: per)
    }

    mutating func decodeRetry(_ node: YAMLNode, key: String) -> RetrySettings? {
        guard let fields = reader.fields(node, key: key, allowed: ["base", "cap"]) else { return nil }
        var retry = RetrySettings()
        let base = fields["base"] == nil ? retry.base : reader.duration(fields["base"], key: fields.path("base"), positive: true)
        let cap = fields["cap"] == nil ? retry.cap : reader.duration(fields["cap"], key: fields.path("cap"))
        guard let base, let cap else { return nil }
        if cap < base {
            reader.report(.invalidValue, line: fields.line(of: "cap"), key: fields.path("cap"), "the cap must not be shorter than the base")
            return nil
        }
        retry.base = base
        retry.cap = cap
        return retry
    }

    mutating func decodeBreaker(_ node: YAMLNode, key: String) -> CircuitBreakerSettings? {
        guard let fields = reader.fields(node, key: key, allowed: ["threshold", "cool_down"]) else { return nil }
        var breaker = CircuitBreakerSettings()
        let threshold = fields["threshold"] == nil ? breaker.threshold : reader.integer(fields["threshold"], key: fields.path("threshold"), minimum: 1)
        let coolDown = fields["cool_down"] == nil ? breaker.coolDown : reader.duration(fields["cool_down"], key: fields.path("cool_down"), positive: true)
        guard let threshold, let coolDown else { return nil }
        breaker.threshold = threshold
        breaker.coolDown = coolDown
        return breaker
    }

    // MARK: Routes

    /// A pattern that is well formed and matches at least one canonical event type.
    mutating func eventPattern(_ node: YAMLNode, key: String) -> EventPattern? {
        guard let value = reader.name(node, key: key) else { return nil }
        guard let pattern = EventPattern(value) else {
            reader.report(.invalidValue, line: node.line, key: key,
                          "\(reader.quote(node, value)) is not an event type pattern; write a type (shipment.status), a prefix ending in .* (load.*), or \"*\"")
            return nil
        }
        let types = EventType.allCases.map(\.rawValue)
        guard types.contains(where: pattern.matches) else {
            reader.report(.unknownReference, line: node.line, key: key,
                          "\(reader.quote(node, value)) matches no event type; the types are: \(types.joined(separator: ", "))")
            return nil
        }
        return pattern
    }

    mutating func decodeRoute(_ node: YAMLNode, key: String) -> RouteSettings? {
        guard let fields = reader.fields(node, key: key, allowed: ["events", "to"], required: ["events", "to"]) else { return nil }
        var failed = false
        var events: [EventPattern] = []
        if let node = fields["events"], let items = reader.list(node, key: fields.path("events")) {
            if items.isEmpty {
                reader.report(.invalidValue, line: node.line, key: fields.path("events"), "the route matches no event; list at least one event type pattern")
                failed = true
            }
            for (index, item) in items.enumerated() {
                if let pattern = eventPattern(item, key: "\(fields.path("events"))[\(index)]") { events.append(pattern) } else { failed = true }
            }
        } else { failed = true }
        var destinations: [DestinationID] = []
        if let node = fields["to"], let items = reader.list(node, key: fields.path("to")) {
            if items.isEmpty {
                reader.report(.invalidValue, line: node.line, key: fields.path("to"), "the route sends to no destination; list at least one destination id under 'to'")
                failed = true
            }
            for (index, item) in items.enumerated() {
                let key = "\(fields.path("to"))[\(index)]"
                guard let id = reference(item, key: key, in: destinationIDs, what: "destination", plural: "destinations") else {
                    failed = true
                    continue
                }
                destinations.append(DestinationID(id))
                // An event routed to an HTTP destination must become some request there.
                if let http = httpDestinations[id] {
                    let uncovered = EventType.allCases.map(\.rawValue).filter { type in
                        events.contains { $0.matches(type) } && http.route(for: type) == nil
                    }
                    if !uncovered.isEmpty {
                        reader.report(.unknownReference, line: item.line, key: key,
                                      "the destination '\(id)' has no HTTP route for \(uncovered.joined(separator: ", ")); add one there, or an event \"*\" fallback")
                        failed = true
                    }
                }
            }
        } else { failed = true }
        return failed ? nil : RouteSettings(events: events, destinations: destinations)
    }
}
