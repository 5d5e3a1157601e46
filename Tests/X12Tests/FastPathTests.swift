import Testing
@testable import X12

/// The validator's shortcuts for the common case (a segment with no finding) must never accept what the
/// full check rejects. These tests pin the pieces whose equivalence is not obvious.
@Suite struct FastPathTests {
    /// What each syntax rule means, counted position by position: the definition the masks must match.
    static func reference(_ kind: SyntaxRule.Kind, _ positions: [Int], present: UInt64) -> Bool {
        let used = positions.filter { present & (1 << UInt64($0)) != 0 }.count
        let hasFirst = present & (1 << UInt64(positions[0])) != 0
        switch kind {
        case .paired: return used == 0 || used == positions.count
        case .required: return used > 0
        case .exclusion: return used <= 1
        case .conditional: return !hasFirst || used == positions.count
        case .listConditional: return !hasFirst || used >= 2
        }
    }

    static func rule(_ kind: SyntaxRule.Kind, _ positions: [Int], complete: Bool) -> CompiledSchema.RuleSpec {
        var mask: UInt64 = 0
        for p in positions { mask |= 1 << UInt64(p) }
        return CompiledSchema.RuleSpec(
            kind: kind, positionsStart: 0, positionsCount: Int32(positions.count), mask: mask,
            first: Int32(positions[0]), complete: complete, firstBit: complete ? 1 << UInt64(positions[0]) : 0)
    }

    @Test(arguments: [[1, 2], [2, 1], [1, 3, 5], [4, 2, 6, 8], [9, 7]])
    func syntaxRuleMasksAgreeWithCountingEveryPosition(_ positions: [Int]) {
        let kinds: [SyntaxRule.Kind] = [.paired, .required, .exclusion, .conditional, .listConditional]
        for kind in kinds {
            // Every combination of elements 0...10 present, with the mask shortcut and with the count.
            for present in UInt64(0)..<(1 << 11) where present & 1 == 0 {
                let expected = Self.reference(kind, positions, present: present)
                #expect(
                    TransactionValidator.holds(Self.rule(kind, positions, complete: true), present: present) == expected,
                    "\(kind) \(positions) present \(String(present, radix: 2))")
                #expect(
                    TransactionValidator.holds(Self.rule(kind, positions, complete: false), present: present) == expected,
                    "\(kind) \(positions) present \(String(present, radix: 2)), counted")
            }
        }
    }

    @Test func aRuleWithARepeatedPositionIsNotTakenForComplete() throws {
        // P0101 is nonsense, but a table could say it: two positions, one bit. The mask test would then
        // call "one of two used" complete; the builder must send such a rule to the counting path.
        let schema = CompiledSchema(
            TransactionSetSchema(
                id: "204", version: "004010", functionalID: "SM", name: "Odd",
                entries: [
                    .segment(SegmentUse(TestSchema.ST, .mandatory, max: 1)),
                    .segment(
                        SegmentUse(
                            SegmentDefinition(
                                "L11", "Reference", [ElementUse(TestSchema.e127, .optional)],
                                rules: [SyntaxRule(.paired, 1, 1), SyntaxRule(.paired, 1, 2)]),
                            .optional, max: 1)),
                    .segment(SegmentUse(TestSchema.SE, .mandatory, max: 1)),
                ]))
        let segment = schema.segment(1)
        let rules = schema.rules(of: segment)
        #expect(rules.count == 2)
        #expect(rules[0].complete == false)
        #expect(rules[1].complete == true)
        #expect(rules[1].firstBit == 1 << 1)
    }

    @Test func mandatoryElementsAreOneMaskPerSegment() throws {
        let schema = CompiledSchema(TestSchema.set)
        let n1 = try #require((0..<schema.segmentIDs.count).first { schema.segmentIDs[$0] == "N1" })
        let s5 = try #require((0..<schema.segmentIDs.count).first { schema.segmentIDs[$0] == "S5" })
        #expect(schema.segment(n1).mandatoryMask == 0b10)  // N101
        #expect(schema.segment(s5).mandatoryMask == 0b110)  // S501, S502
    }

    @Test func aNameOfSixtyCharactersInSixtyOneBytesIsNotTooLong() throws {
        // N102 is AN 1/60. "É" is two bytes: the reader marks the segment as not printable ASCII, so the
        // shortcut (which counts bytes) must step aside and the full check count characters.
        let name = "É" + String(repeating: "A", count: 59)
        let fits = try #require(try validate(Build.interchange([Build.set(body(replacing: 3, with: "N1*BT*" + name))])).transactions.first)
        #expect(fits.findings.isEmpty)
        let long = try #require(
            try validate(Build.interchange([Build.set(body(replacing: 3, with: "N1*BT*" + name + "A"))])).transactions.first)
        #expect(summary(long.findings) == ["elementTooLong N1@5.2"])
    }

    @Test func aComponentSeparatorInASimpleElementIsStillFound() throws {
        // The shortcut steps aside for any segment holding a sub-separator.
        let set = try #require(try validate(Build.interchange([Build.set(body(replacing: 3, with: "N1*BT*ACME:FOODS"))])).transactions.first)
        #expect(summary(set.findings) == ["invalidCharacter N1@5.2"])
    }

    @Test(arguments: [
        ("  AB C  ", "AB C"), ("\tX ", "\tX"), ("   ", ""), ("", ""), ("É ", "É"), ("SENDER", "SENDER"),
        // A combining acute accent makes " \u{301}" one character, which is not a space: it stays.
        ("  \u{301}X ", " \u{301}X"),
    ])
    func trimmingSpacesRemovesOnlyOuterSpaces(_ input: String, _ expected: String) {
        #expect(input.trimmingSpaces() == expected)
    }
}
