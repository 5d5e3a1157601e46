import Testing
import Transport

@Suite("Pickup rules (pure, no I/O)")
struct PickupRulesTests {
    func entry(_ name: String, size: Int64 = 10, modified: Int64 = 1_000) throws -> RemoteEntry {
        RemoteEntry(
            folder: try RemotePath("inbox"), name: try RemoteName(name), kind: .file, size: size, modified: modified)
    }

    @Test func ignoresTemporaryAndHiddenNamesAndNamesOutsideThePatterns() throws {
        let rules = PickupRules(
            patterns: [GlobPattern("*.edi"), GlobPattern("*.x12")], stability: .minimumAge(.zero))
        var tracker = StabilityTracker()
        let entries = try [
            "a.edi", "b.x12", "c.csv", ".hidden.edi", "d.edi.part", "e.edi.tmp", "f.tmp", "g.part",
        ].map { try entry($0) }
        let decision = tracker.decide(entries, rules: rules, now: UnixTime(seconds: 2_000))
        #expect(decision.ready.map(\.entry.name.value) == ["a.edi", "b.x12"])
        #expect(decision.waiting.isEmpty)
    }

    @Test func ignoresFoldersAndOtherKinds() throws {
        var tracker = StabilityTracker()
        var folder = try entry("sub.edi")
        folder.kind = .folder
        var link = try entry("link.edi")
        link.kind = .other
        let decision = tracker.decide(
            [folder, link], rules: PickupRules(stability: .minimumAge(.zero)), now: UnixTime(seconds: 2_000))
        #expect(decision.ready.isEmpty)
    }

    @Test func takesAFileOnlyAfterItsSizeAndTimeStayedUnchangedForTheInterval() throws {
        let rules = PickupRules(stability: .unchangedFor(.seconds(30)))
        var tracker = StabilityTracker()
        var decision = tracker.decide([try entry("a.edi", size: 10)], rules: rules, now: UnixTime(seconds: 0))
        #expect(decision.ready.isEmpty)
        decision = tracker.decide([try entry("a.edi", size: 20)], rules: rules, now: UnixTime(seconds: 29))
        #expect(decision.ready.isEmpty)  // grew: the interval starts again
        decision = tracker.decide([try entry("a.edi", size: 20)], rules: rules, now: UnixTime(seconds: 50))
        #expect(decision.ready.isEmpty)  // unchanged for 21 s only
        decision = tracker.decide(
            [try entry("a.edi", size: 20, modified: 1_001)], rules: rules, now: UnixTime(seconds: 59))
        #expect(decision.ready.isEmpty)  // touched: starts again
        decision = tracker.decide(
            [try entry("a.edi", size: 20, modified: 1_001)], rules: rules, now: UnixTime(seconds: 89))
        #expect(decision.ready.map(\.entry.name.value) == ["a.edi"])
    }

    @Test func aZeroIntervalStillNeedsTwoIdenticalObservations() throws {
        let rules = PickupRules(stability: .unchangedFor(.zero))
        var tracker = StabilityTracker()
        #expect(tracker.decide([try entry("a.edi")], rules: rules, now: UnixTime(seconds: 0)).ready.isEmpty)
        #expect(tracker.decide([try entry("a.edi")], rules: rules, now: UnixTime(seconds: 0)).ready.count == 1)
    }

    @Test func takesAFileWhenItsMarkerExistsAndNeverTheMarkerItself() throws {
        let rules = PickupRules(stability: .markerFile(suffix: ".done"))
        var tracker = StabilityTracker()
        let decision = tracker.decide(
            try [entry("a.edi"), entry("a.edi.done"), entry("b.edi")], rules: rules, now: UnixTime(seconds: 0))
        #expect(decision.ready.map(\.entry.name.value) == ["a.edi"])
        #expect(decision.ready.first?.marker?.string == "inbox/a.edi.done")
        #expect(decision.waiting.map(\.name.value) == ["b.edi"])
    }

    @Test func takesAFileOnlyOnceItReachedTheMinimumAge() throws {
        let rules = PickupRules(stability: .minimumAge(.seconds(60)))
        var tracker = StabilityTracker()
        let entries = try [entry("old.edi", modified: 1_000), entry("new.edi", modified: 1_950)]
        let decision = tracker.decide(entries, rules: rules, now: UnixTime(seconds: 2_000))
        #expect(decision.ready.map(\.entry.name.value) == ["old.edi"])
        #expect(decision.waiting.map(\.name.value) == ["new.edi"])
    }

    @Test func refusesFilesOverTheMaximumSize() throws {
        let rules = PickupRules(stability: .minimumAge(.zero), maximumSize: 100)
        var tracker = StabilityTracker()
        let decision = tracker.decide(
            try [entry("small.edi", size: 100), entry("big.edi", size: 101)], rules: rules,
            now: UnixTime(seconds: 2_000))
        #expect(decision.ready.map(\.entry.name.value) == ["small.edi"])
        #expect(decision.refused.map(\.entry.name.value) == ["big.edi"])
    }

    @Test func takesTheOldestFirstUpToTheBatchLimit() throws {
        let rules = PickupRules(stability: .minimumAge(.zero), batchLimit: 2)
        var tracker = StabilityTracker()
        let entries = try [
            entry("c.edi", modified: 300), entry("a.edi", modified: 200), entry("b.edi", modified: 100),
            entry("d.edi", modified: 200),
        ]
        let decision = tracker.decide(entries, rules: rules, now: UnixTime(seconds: 2_000))
        #expect(decision.ready.map(\.entry.name.value) == ["b.edi", "a.edi"])
        #expect(decision.deferred.map(\.name.value) == ["d.edi", "c.edi"])
    }

    @Test func globPatternsNeverMatchALeadingDot() throws {
        #expect(GlobPattern("*").matches(try RemoteName("a.edi")))
        #expect(!GlobPattern("*").matches(try RemoteName(".a.edi")))
        #expect(GlobPattern("214_??.edi").matches(try RemoteName("214_01.edi")))
        #expect(!GlobPattern("214_??.edi").matches(try RemoteName("214_001.edi")))
        #expect(GlobPattern("[AB]*.x12").matches(try RemoteName("B1.x12")))
    }
}
