import Testing

@testable import X12

// MARK: Helpers

extension TransactionSetSchema {
    fileprivate var label: String { "\(id)/\(version)" }
}

/// Test arguments: "204/004010", ... (the tables themselves print far too much as test case names).
private let tables = StandardSchemas.all.map(\.label)

private func table(_ label: String) throws -> TransactionSetSchema {
    try #require(StandardSchemas.all.first { $0.label == label })
}

/// Every segment use in `entries`, depth first, with the loop ids enclosing it.
private func segmentUses(_ entries: [SchemaEntry], loops: [String] = []) -> [(use: SegmentUse, loops: [String])] {
    entries.flatMap { entry -> [(use: SegmentUse, loops: [String])] in
        switch entry {
        case .segment(let use): [(use, loops)]
        case .loop(let loop): segmentUses(loop.entries, loops: loops + [loop.id])
        }
    }
}

/// Every loop in `entries`, depth first.
private func allLoops(_ entries: [SchemaEntry]) -> [LoopDefinition] {
    entries.flatMap { entry -> [LoopDefinition] in
        if case .loop(let loop) = entry { [loop] + allLoops(loop.entries) } else { [] }
    }
}

private func loop(_ id: String, in schema: TransactionSetSchema) -> LoopDefinition? {
    allLoops(schema.entries).first { $0.id == id }
}

/// The segment tags directly in `entries` (not inside loops).
private func tags(_ entries: [SchemaEntry]) -> [String] {
    entries.compactMap { if case .segment(let use) = $0 { use.definition.id } else { nil } }
}

private func schema(_ id: String, _ version: String) throws -> TransactionSetSchema {
    try #require(StandardSchemas.all.first { $0.id == id && $0.version == version })
}

private func element(_ tag: String, _ position: Int, in schema: TransactionSetSchema) throws -> ElementUse {
    let use = try #require(segmentUses(schema.entries).first { $0.use.definition.id == tag })
    return use.use.definition.elements[position - 1]
}

// MARK: Every table

@Test(arguments: tables)
func tableStartsWithSTAndEndsWithSE(_ label: String) throws {
    let schema = try table(label)
    let top = schema.entries
    #expect(top.first?.triggerTag == "ST")
    #expect(top.first?.requirement == .mandatory)
    #expect(top.last?.triggerTag == "SE")
    #expect(top.last?.requirement == .mandatory)
}

@Test(arguments: tables)
func everyLoopOpensWithItsTriggerSegmentAndCarriesItsRequirement(_ label: String) throws {
    let schema = try table(label)
    for loop in allLoops(schema.entries) {
        guard case .segment(let trigger) = loop.entries.first else {
            Issue.record("loop \(loop.id) of \(schema.label) does not start with a segment")
            continue
        }
        #expect(trigger.maxUse == 1, "trigger of loop \(loop.id) in \(schema.label)")
        #expect(trigger.requirement == loop.requirement, "loop \(loop.id) in \(schema.label)")
        #expect(loop.maxRepeat >= 1)
    }
}

@Test(arguments: tables)
func everyCodeListBelongsToItsElement(_ label: String) throws {
    let schema = try table(label)
    for (use, _) in segmentUses(schema.entries) {
        let simple = use.definition.elements.flatMap { $0.isComposite ? $0.components : [$0] }
        for element in simple {
            if let codes = element.definition.codes {
                #expect(codes.element == element.definition.reference, "\(use.definition.id) element \(codes.element)")
                #expect(element.definition.type == .identifier, "\(use.definition.id) element \(codes.element)")
                #expect(!codes.codes.isEmpty)
            }
            #expect(element.definition.minLength <= element.definition.maxLength)
        }
    }
}

@Test(arguments: tables)
func syntaxRulesPointAtElementsOfTheirSegment(_ label: String) throws {
    let schema = try table(label)
    for (use, _) in segmentUses(schema.entries) {
        for rule in use.definition.rules {
            #expect(rule.positions.count >= 2, "\(use.definition.id) \(rule)")
            for position in rule.positions {
                #expect((1...use.definition.elements.count).contains(position), "\(use.definition.id) \(rule)")
            }
        }
    }
}

@Test(arguments: tables)
func everySegmentOfATableIsAStandardSegmentOfItsVersion(_ label: String) throws {
    let schema = try table(label)
    let known = try #require(StandardSchemas.knownSegmentIDs[schema.version])
    for (use, _) in segmentUses(schema.entries) {
        #expect(known.contains(use.definition.id), "\(use.definition.id) in \(schema.label)")
    }
}

@Test func noSetIsRegisteredTwiceForOneVersion() {
    let keys = StandardSchemas.all.map { "\($0.id)/\($0.version)" }
    #expect(Set(keys).count == keys.count)
}

@Test func functionalIdentifiersMatchTheSets() {
    let expected = ["204": "SM", "214": "QM", "210": "IM", "990": "GF", "997": "FA", "999": "FA"]
    for schema in StandardSchemas.all {
        #expect(schema.functionalID == expected[schema.id], "\(schema.label)")
    }
}

// MARK: 004010 facts

@Test func loadTender4010PlacesStopsAndTheirLocationLoops() throws {
    let ts = try schema("204", "004010")
    #expect(tags(ts.entries).prefix(3) == ["ST", "B2", "B2A"])
    let stop = try #require(loop("0300", in: ts))
    #expect(stop.requirement == .mandatory && stop.maxRepeat == 999)
    #expect(stop.entries.first?.triggerTag == "S5")
    #expect(loop("0100", in: ts)?.maxRepeat == 5)
    #expect(loop("0200", in: ts)?.maxRepeat == 10)
    #expect(loop("0310", in: ts)?.maxRepeat == 1)
    #expect(loop("0350", in: ts)?.entries.first?.triggerTag == "OID")
    #expect(loop("0330", in: ts)?.entries.first?.triggerTag == "LH1")
    let l11 = try #require(segmentUses(ts.entries).first { $0.use.definition.id == "L11" && $0.loops.isEmpty })
    #expect(l11.use.maxUse == 50)
    #expect(try element("B2", 6, in: ts).requirement == .mandatory)
    let purpose = try element("B2A", 1, in: ts).definition
    #expect(purpose.reference == 353)
    #expect(purpose.codes?.closed == true)
    #expect(purpose.codes?.codes.isSuperset(of: ["00", "01", "04", "05"]) == true)
}

@Test func statusMessage4010HasHeaderPartiesAndStatusLoopsInsideLX() throws {
    let ts = try schema("214", "004010")
    #expect(loop("0100", in: ts)?.entries.first?.triggerTag == "N1")
    let lx = try #require(loop("0200", in: ts))
    #expect(lx.maxRepeat == 999_999 && lx.entries.first?.triggerTag == "LX")
    let at7 = try #require(allLoops(lx.entries).first { $0.id == "0205" })
    #expect(at7.maxRepeat == 10)
    #expect(tags(at7.entries) == ["AT7", "MS1", "MS2"])
    #expect(loop("0250", in: ts)?.entries.first?.triggerTag == "SPO")
    let efi = try #require(loop("0260", in: ts))
    #expect(efi.maxRepeat == .max)
    #expect(tags(efi.entries) == ["EFI", "BIN"])
}

@Test func shipmentStatusRulesIn4010PairStatusWithReasonAndTimeWithDate() throws {
    let at7 = try element("AT7", 1, in: try schema("214", "004010"))
    #expect(at7.definition.reference == 1650)
    #expect(at7.definition.codes?.codes.contains("X3") == true)
    #expect(at7.definition.codes?.codes.contains("AA") == false, "AA is an appointment status (AT703)")
    let rules = try #require(segmentUses(try schema("214", "004010").entries).first { $0.use.definition.id == "AT7" })
        .use.definition.rules
    #expect(rules.contains(SyntaxRule(.exclusion, 1, 3)), "a status or an appointment, not both")
    #expect(rules.contains(SyntaxRule(.paired, 1, 2)))
    #expect(rules.contains(SyntaxRule(.paired, 3, 4)))
    #expect(rules.contains(SyntaxRule(.conditional, 6, 5)))
    #expect(rules.contains(SyntaxRule(.conditional, 7, 6)))
}

@Test func invoice4010UsesN9AndKeepsAmountsInImpliedCents() throws {
    let ts = try schema("210", "004010")
    let b307 = try element("B3", 7, in: ts).definition
    #expect(b307.reference == 193 && b307.type == .numeric(decimals: 2) && b307.maxLength == 12)
    #expect(try element("B3", 11, in: ts).requirement == .mandatory)
    let b3 = try #require(segmentUses(ts.entries).first { $0.use.definition.id == "B3" }).use.definition
    #expect(b3.rules.contains(SyntaxRule(.paired, 9, 10)))
    let l104 = try element("L1", 4, in: ts).definition
    #expect(l104.reference == 58 && l104.type == .numeric(decimals: 2))
    let l108 = try element("L1", 8, in: ts).definition
    #expect(l108.codes?.closed == false && l108.codes?.codes.isSuperset(of: ["400", "405", "FUE"]) == true)
    #expect(tags(ts.entries).contains("N9"))
    let lx = try #require(loop("0400", in: ts))
    #expect(lx.maxRepeat == 9999)
    #expect(segmentUses(lx.entries).first { $0.use.definition.id == "L1" }?.use.maxUse == 10)
}

@Test func responseToLoadTender4010HasReservationActionCodes() throws {
    let ts = try schema("990", "004010")
    let b104 = try element("B1", 4, in: ts).definition
    #expect(b104.codes?.codes == ["A", "B", "C", "D", "N", "R", "U"])
    #expect(try element("B1", 2, in: ts).requirement == .mandatory)
}

@Test func segmentSyntaxNotesOfTheCommonSegments() throws {
    let ts = try schema("204", "004010")
    func rules(_ tag: String) throws -> [SyntaxRule] {
        try #require(segmentUses(ts.entries).first { $0.use.definition.id == tag }).use.definition.rules
    }
    #expect(try rules("N1") == [SyntaxRule(.required, 2, 3), SyntaxRule(.paired, 3, 4)])
    #expect(try rules("L11") == [SyntaxRule(.required, 1, 3), SyntaxRule(.paired, 1, 2)])
    #expect(try rules("G62") == [SyntaxRule(.required, 1, 3), SyntaxRule(.paired, 1, 2), SyntaxRule(.paired, 3, 4)])
}

// MARK: Registry

@Test func registryKnowsStandardSegmentsAndNotInventedOnes() {
    let registry = SchemaRegistry.standard
    let n1 = registry.isStandardSegment("N1", version: "004010")
    let w05 = registry.isStandardSegment("W05", version: "004010")
    let zzz = registry.isStandardSegment("ZZZ", version: "004010")
    #expect(n1 && w05 && !zzz)
    #expect(StandardSchemas.knownSegmentIDs["004010"]?.count ?? 0 > 900)
}

@Test func registryMapsOlderAndNeighbouringVersionsTo4010() {
    let registry = SchemaRegistry.standard
    #expect(registry.resolveVersion("004030") == "004010")
    #expect(registry.resolveVersion("004010VICS") == "004010")
    #expect(registry.resolveVersion("003040") == "004010")
    #expect(registry.schema(set: "214", version: "004030")?.version == "004010")
}

// MARK: 005010 facts

@Test func statusMessage5010MovesPartiesIntoTheLXLoop() throws {
    let ts = try schema("214", "005010")
    #expect(tags(ts.entries) == ["ST", "B10", "MS3", "SE"])
    #expect(loop("0100", in: ts) == nil, "5010 has no header N1 loop")
    let lx = try #require(loop("1000", in: ts))
    #expect(lx.requirement == .mandatory && lx.maxRepeat == 999_999)
    #expect(tags(lx.entries) == ["LX", "L11", "MAN", "Q7", "K1", "AT5", "AT8"])
    #expect(allLoops(lx.entries).map(\.id) == ["1100", "1200", "1300"])
    let at7 = try #require(loop("1100", in: ts))
    #expect(at7.requirement == .mandatory && at7.maxRepeat == 10)
    #expect(tags(at7.entries) == ["AT7", "MS1", "MS2", "K1", "M7"])
    #expect(loop("1200", in: ts)?.maxRepeat == 5)
    #expect(loop("1300", in: ts)?.entries.first?.triggerTag == "OID")
    #expect(!segmentUses(ts.entries).contains { $0.use.definition.id == "SPO" })
    let b10 = try #require(segmentUses(ts.entries).first { $0.use.definition.id == "B10" }).use.definition
    #expect(b10.elements.count == 9)
    #expect(b10.elements[7].definition.type == .date && b10.elements[8].definition.type == .time)
    let ms1 = try #require(segmentUses(ts.entries).first { $0.use.definition.id == "MS1" }).use.definition
    #expect(ms1.elements.count == 8 && ms1.elements[7].definition.reference == 116)
}

@Test func shipmentStatusRulesIn5010LetTheReasonsBeOptional() throws {
    let ts = try schema("214", "005010")
    let at7 = try #require(segmentUses(ts.entries).first { $0.use.definition.id == "AT7" }).use.definition
    #expect(at7.elements[1].requirement == .optional && at7.elements[3].requirement == .optional)
    #expect(
        at7.rules == [
            SyntaxRule(.exclusion, 1, 3), SyntaxRule(.conditional, 2, 1), SyntaxRule(.conditional, 4, 3),
            SyntaxRule(.conditional, 6, 5), SyntaxRule(.conditional, 7, 6),
        ])
    let status = try #require(at7.elements[0].definition.codes)
    #expect(status.closed)
    #expect(status.codes.isSuperset(of: ["X3", "AF", "D1", "K2", "AW", "CB", "X9"]))
    let reason = try #require(at7.elements[1].definition.codes)
    #expect(reason.codes.isSuperset(of: ["NS", "NA"]), "partners send NS/NA in 5010 too")
}

@Test func invoice5010UsesL11AndOIDInsteadOfN9AndSPO() throws {
    let ts = try schema("210", "005010")
    let used = Set(segmentUses(ts.entries).map(\.use.definition.id))
    #expect(used.contains("L11") && used.contains("OID"))
    #expect(!used.contains("N9") && !used.contains("SPO"))
    #expect(loop("0250", in: ts)?.entries.first?.triggerTag == "OID")
    let lx = try #require(loop("0400", in: ts))
    #expect(lx.maxRepeat == .max)
    #expect(segmentUses(lx.entries).first { $0.use.definition.id == "L1" }?.use.maxUse == 50)
    #expect(segmentUses(ts.entries).first { $0.use.definition.id == "L9" }?.use.maxUse == 50)
    let l1101 = try element("L11", 1, in: ts).definition
    #expect(l1101.reference == 127 && l1101.minLength == 1 && l1101.maxLength == 50)
    #expect(try element("B3", 7, in: ts).definition.maxLength == 12)
}

@Test func loadTender5010AddsRateLoopsAndTheSummaryLXLoop() throws {
    let ts = try schema("204", "005010")
    #expect(tags(ts.entries).prefix(5) == ["ST", "B2", "B2A", "C3", "L11"])
    #expect(segmentUses(ts.entries).first { $0.use.definition.id == "L11" }?.use.maxUse == 99_999)
    #expect(tags(try #require(loop("0050", in: ts)).entries) == ["AT5", "RTT", "C3"])
    let stop = try #require(loop("0300", in: ts))
    #expect(segmentUses(stop.entries).first { $0.use.definition.id == "G62" }?.use.maxUse == 3)
    #expect(tags(try #require(loop("0305", in: ts)).entries) == ["AT5", "RTT", "C3"])
    #expect(tags(try #require(loop("0320", in: ts)).entries) == ["L5", "AT8", "L11", "MEA", "PER", "L4"])
    let summary = try #require(loop("1000", in: ts))
    #expect(summary.maxRepeat == 1 && tags(summary.entries) == ["LX", "L4"])
    #expect(ts.entries.last?.triggerTag == "SE")
}

@Test func responseToLoadTender5010IsOnlyB1AndL11() throws {
    let ts = try schema("990", "005010")
    #expect(tags(ts.entries) == ["ST", "B1", "L11", "SE"])
    #expect(try element("B1", 1, in: ts).requirement == .mandatory)
    #expect(try element("B1", 2, in: ts).requirement == .optional)
    #expect(try element("B1", 4, in: ts).definition.codes?.codes == ["A", "B", "C", "D", "E", "N", "R", "S", "U", "V"])
    #expect(try element("B1", 6, in: ts).definition.codes?.codes.contains("CPU") == true)
    let st = try #require(segmentUses(ts.entries).first { $0.use.definition.id == "ST" }).use.definition
    #expect(st.elements.count == 3 && st.elements[2].definition.reference == 1705)
}

@Test func implementationAcknowledgmentUsesX231LoopIdsAndICodes() throws {
    let ts = try schema("999", "005010")
    #expect(allLoops(ts.entries).map(\.id) == ["2000", "2100", "2110"])
    #expect(tags(try #require(loop("2000", in: ts)).entries) == ["AK2", "IK5"])
    #expect(tags(try #require(loop("2100", in: ts)).entries) == ["IK3", "CTX"])
    #expect(tags(try #require(loop("2110", in: ts)).entries) == ["IK4", "CTX"])
    let ik304 = try element("IK3", 4, in: ts).definition
    #expect(ik304.reference == 620 && ik304.codes?.closed == true)
    #expect(ik304.codes?.codes.isSuperset(of: ["1", "8", "I4", "I9"]) == true)
    let ik403 = try element("IK4", 3, in: ts).definition
    #expect(ik403.codes?.codes.isSuperset(of: ["7", "12", "13", "I6", "I13"]) == true)
    let ctx = try element("CTX", 1, in: ts)
    #expect(ctx.compositeID == "C998" && ctx.maxRepeat == 10)
    #expect(try element("AK1", 3, in: ts).definition.reference == 480)
    #expect(try element("AK2", 3, in: ts).definition.reference == 1705)
    let ak401 = try element("IK4", 1, in: ts)
    #expect(ak401.components.map(\.definition.reference) == [722, 1528, 1686])
}

@Test func acknowledgment5010WidensAK3() throws {
    let ts = try schema("997", "005010")
    #expect(try element("AK3", 2, in: ts).definition.maxLength == 10)
    #expect(try element("AK3", 3, in: ts).definition.maxLength == 4)
    #expect(try element("AK4", 3, in: ts).definition.codes?.codes.contains("13") == true)
}

@Test func registryResolvesImplementationGuidesAndLaterReleasesOf5010() {
    let registry = SchemaRegistry.standard
    #expect(registry.resolveVersion("005010X231") == "005010")
    #expect(registry.resolveVersion("005010X231A1") == "005010")
    #expect(registry.resolveVersion("005030") == "005010")
    #expect(registry.schema(set: "999", version: "005010X231A1")?.id == "999")
    let ackFor4010 = registry.schema(set: "999", version: "004010")
    #expect(ackFor4010 == nil)
    let ik3In5010 = registry.isStandardSegment("IK3", version: "005010")
    let ik3In4010 = registry.isStandardSegment("IK3", version: "004010")
    #expect(ik3In5010 && !ik3In4010)
    #expect(registry.versions == ["004010", "005010"])
}
