/// Builds the typed documents straight from a `MappedValue` tree with their memberwise initialisers.
///
/// The same rules as decoding the tree with `Codable` (a missing required key, a string where a number
/// belongs, a decimal that is not one: no document; unknown keys ignored; of two equal keys the last wins),
/// at a fraction of the cost: `Decoder` containers, coding paths and per-object dictionaries were about a
/// third of `translate`'s time. Any mismatch returns nil, and the caller decodes with `Codable` to say why.
extension EventData {
    /// The document of `type` that `mapped` describes; nil when it does not fit that type.
    public init?(mapped: MappedValue, as type: EventType) {
        do {
            switch type {
            case .loadTendered, .loadTenderChanged, .loadTenderCancelled: self = .loadTender(try LoadTender(mapped: mapped))
            case .shipmentStatus: self = .shipmentStatus(try ShipmentStatus(mapped: mapped))
            case .freightInvoice: self = .freightInvoice(try FreightInvoice(mapped: mapped))
            }
        } catch {
            return nil
        }
    }
}

/// A tree that does not fit the document (why is left to `Codable`).
private struct Unfit: Error {}

/// A value that can be built from one node of the tree.
private protocol MappedBuildable {
    init(mapped: MappedValue) throws(Unfit)
}

/// The fields of one object node.
private struct MappedFields {
    let fields: [(String, MappedValue)]

    init(_ value: MappedValue) throws(Unfit) {
        guard case .object(let fields) = value else { throw Unfit() }
        self.fields = fields
    }

    /// The last field named `key`, as a dictionary built from the fields would hold it.
    private func find(_ key: String) -> MappedValue? {
        // From the end, by index: the first match is the last field of that name, and only the match's
        // value is copied (a `for` over the fields copied every value it passed).
        let length = key.utf8.count
        var i = fields.count
        while i > 0 {
            i -= 1
            if fields[i].0.utf8.count == length && fields[i].0 == key { return fields[i].1 }
        }
        return nil
    }

    func optional<T: MappedBuildable>(_ key: String) throws(Unfit) -> T? {
        guard let value = find(key) else { return nil }
        return try T(mapped: value)
    }

    func required<T: MappedBuildable>(_ key: String) throws(Unfit) -> T {
        guard let value = find(key) else { throw Unfit() }
        return try T(mapped: value)
    }
}

extension String: MappedBuildable {
    fileprivate init(mapped: MappedValue) throws(Unfit) {
        guard case .string(let text) = mapped else { throw Unfit() }
        self = text
    }
}

extension Int: MappedBuildable {
    fileprivate init(mapped: MappedValue) throws(Unfit) {
        guard case .integer(let n) = mapped else { throw Unfit() }
        self = n
    }
}

extension Array: MappedBuildable where Element: MappedBuildable {
    fileprivate init(mapped: MappedValue) throws(Unfit) {
        guard case .array(let items) = mapped else { throw Unfit() }
        var built: [Element] = []
        built.reserveCapacity(items.count)
        for item in items { built.append(try Element(mapped: item)) }
        self = built
    }
}

extension DecimalString: MappedBuildable {
    fileprivate init(mapped: MappedValue) throws(Unfit) {
        guard case .string(let text) = mapped, let value = DecimalString(text) else { throw Unfit() }
        self = value
    }
}

extension ZoneSource: MappedBuildable {
    fileprivate init(mapped: MappedValue) throws(Unfit) {
        guard case .string(let text) = mapped, let value = ZoneSource(rawValue: text) else { throw Unfit() }
        self = value
    }
}

extension LoadTender: MappedBuildable {
    fileprivate init(mapped: MappedValue) throws(Unfit) {
        let f = try MappedFields(mapped)
        self.init(
            shipmentId: try f.required("shipmentId"), scac: try f.optional("scac"), purpose: try f.required("purpose"),
            paymentTerms: try f.optional("paymentTerms"), respondBy: try f.optional("respondBy"),
            parties: try f.optional("parties"), stops: try f.optional("stops"), equipment: try f.optional("equipment"),
            weight: try f.optional("weight"), pieces: try f.optional("pieces"), totalCharge: try f.optional("totalCharge"),
            references: try f.optional("references"), notes: try f.optional("notes"))
    }
}

extension LoadTender.Stop: MappedBuildable {
    fileprivate init(mapped: MappedValue) throws(Unfit) {
        let f = try MappedFields(mapped)
        self.init(
            sequence: try f.required("sequence"), type: try f.required("type"), location: try f.optional("location"),
            window: try f.optional("window"), weight: try f.optional("weight"), pieces: try f.optional("pieces"),
            references: try f.optional("references"))
    }
}

extension ShipmentStatus: MappedBuildable {
    fileprivate init(mapped: MappedValue) throws(Unfit) {
        let f = try MappedFields(mapped)
        self.init(
            shipmentId: try f.required("shipmentId"), carrierReference: try f.optional("carrierReference"),
            scac: try f.optional("scac"), status: try f.required("status"), reason: try f.optional("reason"),
            time: try f.optional("time"), location: try f.optional("location"), stop: try f.optional("stop"),
            equipment: try f.optional("equipment"), podSigner: try f.optional("podSigner"),
            weight: try f.optional("weight"), pieces: try f.optional("pieces"), references: try f.optional("references"))
    }
}

extension FreightInvoice: MappedBuildable {
    fileprivate init(mapped: MappedValue) throws(Unfit) {
        let f = try MappedFields(mapped)
        self.init(
            invoiceNumber: try f.required("invoiceNumber"), shipmentId: try f.optional("shipmentId"),
            scac: try f.optional("scac"), invoiceDate: try f.required("invoiceDate"),
            deliveryDate: try f.optional("deliveryDate"), currency: try f.required("currency"),
            netAmountDue: try f.required("netAmountDue"), paymentTerms: try f.optional("paymentTerms"),
            charges: try f.optional("charges"), weight: try f.optional("weight"), references: try f.optional("references"),
            parties: try f.optional("parties"))
    }
}

extension FreightInvoice.Charge: MappedBuildable {
    fileprivate init(mapped: MappedValue) throws(Unfit) {
        let f = try MappedFields(mapped)
        self.init(
            line: try f.optional("line"), charge: try f.required("charge"), description: try f.optional("description"),
            amount: try f.required("amount"), rate: try f.optional("rate"), rateQualifier: try f.optional("rateQualifier"),
            quantity: try f.optional("quantity"))
    }
}

extension Money: MappedBuildable {
    fileprivate init(mapped: MappedValue) throws(Unfit) {
        let f = try MappedFields(mapped)
        self.init(amount: try f.required("amount"), currency: try f.required("currency"))
    }
}

extension Quantity: MappedBuildable {
    fileprivate init(mapped: MappedValue) throws(Unfit) {
        let f = try MappedFields(mapped)
        self.init(value: try f.required("value"), unit: try f.optional("unit"))
    }
}

extension CodedValue: MappedBuildable {
    fileprivate init(mapped: MappedValue) throws(Unfit) {
        let f = try MappedFields(mapped)
        self.init(code: try f.required("code"), original: try f.required("original"))
    }
}

extension Reference: MappedBuildable {
    fileprivate init(mapped: MappedValue) throws(Unfit) {
        let f = try MappedFields(mapped)
        self.init(qualifier: try f.required("qualifier"), value: try f.required("value"))
    }
}

extension Location: MappedBuildable {
    fileprivate init(mapped: MappedValue) throws(Unfit) {
        let f = try MappedFields(mapped)
        self.init(
            name: try f.optional("name"), id: try f.optional("id"), idQualifier: try f.optional("idQualifier"),
            canonicalId: try f.optional("canonicalId"), address: try f.optional("address"), city: try f.optional("city"),
            state: try f.optional("state"), postalCode: try f.optional("postalCode"), country: try f.optional("country"),
            latitude: try f.optional("latitude"), longitude: try f.optional("longitude"))
    }
}

extension Parties: MappedBuildable {
    fileprivate init(mapped: MappedValue) throws(Unfit) {
        let f = try MappedFields(mapped)
        self.init(shipper: try f.optional("shipper"), consignee: try f.optional("consignee"), billTo: try f.optional("billTo"))
    }
}

extension Equipment: MappedBuildable {
    fileprivate init(mapped: MappedValue) throws(Unfit) {
        let f = try MappedFields(mapped)
        self.init(
            type: try f.optional("type"), scac: try f.optional("scac"), number: try f.optional("number"),
            lengthFeet: try f.optional("lengthFeet"))
    }
}

extension EventTime: MappedBuildable {
    fileprivate init(mapped: MappedValue) throws(Unfit) {
        let f = try MappedFields(mapped)
        self.init(
            at: try f.required("at"), zone: try f.required("zone"), zoneSource: try f.required("zoneSource"),
            originalZoneCode: try f.optional("originalZoneCode"))
    }
}

extension TimeWindow: MappedBuildable {
    fileprivate init(mapped: MappedValue) throws(Unfit) {
        let f = try MappedFields(mapped)
        self.init(from: try f.optional("from"), to: try f.optional("to"))
    }
}
