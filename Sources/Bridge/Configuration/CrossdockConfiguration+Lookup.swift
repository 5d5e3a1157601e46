public import Transport
public import X12

extension CrossdockConfiguration {
    public func partner(id: PartnerID) -> PartnerSettings? {
        partners.first { $0.id == id }
    }

    /// The partner that sends as ISA05/ISA06 `qualifier`/`id`; the ISA's space padding is ignored.
    public func partner(isaQualifier qualifier: String, id: String) -> PartnerSettings? {
        let qualifier = qualifier.trimmingSpaces(), id = id.trimmingSpaces()
        return partners.first { $0.interchangeSender.qualifier == qualifier && $0.interchangeSender.id == id }
    }

    public func endpoint(id: EndpointID) -> EndpointSettings? {
        endpoints.first { $0.id == id }
    }

    public func destination(id: DestinationID) -> DestinationSettings? {
        destinations.first { $0.id == id }
    }

    public func source(id: SourceID) -> SourceSettings? {
        sources.first { $0.id == id }
    }

    /// Every destination a route sends `eventType` to, each once, in the order the routes name them.
    public func destinations(for eventType: String) -> [DestinationSettings] {
        var ids: [DestinationID] = []
        for route in routes where route.matches(eventType) {
            for id in route.destinations where !ids.contains(id) { ids.append(id) }
        }
        return ids.compactMap { destination(id: $0) }
    }

    /// The leniency of a partner's files; strict for a file from no known partner.
    public func leniency(for partner: PartnerID?) -> Leniency {
        partner.flatMap { self.partner(id: $0) }?.leniency ?? .strict
    }

    /// The ack policy of a partner; the defaults for a file from no known partner.
    public func ackPolicy(for partner: PartnerID?) -> AckPolicy {
        partner.flatMap { self.partner(id: $0) }?.ackPolicy ?? AckPolicy()
    }

    // MARK: Transport values

    /// The Transport source for `source`: its endpoint (a folder root resolved now), folder, rules and
    /// after-fetch action. The fetch limit is the rules' maximum size.
    /// - Throws: `TransportError` when a folder endpoint's root cannot be resolved or created.
    public func intakeSource(_ source: SourceSettings) throws -> IntakeSource {
        guard let settings = endpoint(id: source.endpoint) else {
            throw TransportError(code: .notFound, path: source.endpoint.value, message: "no endpoint with this id")
        }
        return IntakeSource(
            id: source.id, endpoint: try settings.makeEndpoint(), folder: source.folder, rules: source.rules,
            afterFetch: source.afterFetch)
    }

    /// The Transport source of every configured source, in file order.
    /// - Throws: `TransportError` when a folder endpoint's root cannot be resolved or created.
    public func intakeSources() throws -> [IntakeSource] {
        try sources.map { try intakeSource($0) }
    }

    /// The endpoint and folder a partner's acks are put into; nil when the partner has no ack target.
    /// - Throws: `TransportError` when a folder endpoint's root cannot be resolved or created.
    public func ackDestination(for partner: PartnerSettings) throws -> (endpoint: any Endpoint, folder: RemotePath)? {
        guard let target = partner.ack.target else { return nil }
        guard let settings = endpoint(id: target.endpoint) else {
            throw TransportError(code: .notFound, path: target.endpoint.value, message: "no endpoint with this id")
        }
        return (try settings.makeEndpoint(), target.folder)
    }

    /// The local spool, created when missing.
    /// - Throws: `TransportError` when the folder cannot be created or resolved.
    public func makeSpool() throws -> Spool {
        Spool(root: try LocalRoot(spool, create: true))
    }
}

extension String {
    fileprivate func trimmingSpaces() -> String {
        var view = Substring(self)
        while view.first == " " { view = view.dropFirst() }
        while view.last == " " { view = view.dropLast() }
        return String(view)
    }
}
