import X12

/// An element reference by standard reference designator: `B204`, `N101`, `L1107:2` (component 2),
/// `N101:1:2` (component 1 of repetition 2).
struct ElementReference: Sendable, Hashable, CustomStringConvertible {
    var tag: String {
        didSet { packedTag = X12Tree.pack(tag) }
    }
    /// `tag` packed as `X12Tree` compares it.
    private(set) var packedTag: UInt64
    var position: Int
    var component: Int
    var repetition: Int

    /// Parses `AT701`-style text: a 2-3 character segment id, then a 2-digit element position.
    init?(_ text: Substring) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        let head = parts[0]
        guard head.count >= 4, head.count <= 5 else { return nil }
        let tag = head.dropLast(2), digits = head.suffix(2)
        guard X12Path.isSegmentTag(tag), let position = Int(digits), position >= 1 else { return nil }
        let numbers = parts.dropFirst().map { Int($0) }
        guard numbers.count <= 2, numbers.allSatisfy({ ($0 ?? 0) >= 1 }) else { return nil }
        self.tag = String(tag)
        self.packedTag = X12Tree.pack(tag)
        self.position = position
        self.component = numbers.first.flatMap { $0 } ?? 1
        self.repetition = numbers.count == 2 ? numbers[1] ?? 1 : 1
    }

    func value(in segment: Segment) -> String {
        segment.element(position)?.component(component, repetition: repetition) ?? ""
    }

    var description: String { tag + (position < 10 ? "0" : "") + String(position) }
}

/// A path over one transaction set's loop tree, written with standard reference designators.
///
/// `B204` reads element 4 of the B2 among the scope's own segments; `0300/S501` goes into the first 0300
/// loop first; `//N1[N101=SH]/N102` finds the first N1 anywhere below whose N101 is SH and reads N102 of
/// its loop; `../L11[L1102=QN]/L1101` looks in the enclosing loop; `/B1002` starts at the set's top.
/// See docs/mapping-language.md.
///
/// A class, immutable once parsed: every value a rule reads passes its path along, and a path by value
/// copied its text, steps and conditions (retaining each) for every value read.
final class X12Path: Sendable, Hashable, CustomStringConvertible {
    enum Start: Sendable, Hashable { case scope, root, parent(Int) }

    struct Step: Sendable, Hashable {
        enum Target: Sendable, Hashable { case loop(String), segment(String) }
        var target: Target {
            didSet { (isLoop, name) = Step.packed(target) }
        }
        var descendants: Bool
        var condition: Condition?
        /// The target as `X12Tree` compares it: loop or segment, and the id or tag packed.
        private(set) var isLoop: Bool
        private(set) var name: UInt64

        init(target: Target, descendants: Bool, condition: Condition?) {
            self.target = target
            self.descendants = descendants
            self.condition = condition
            (isLoop, name) = Step.packed(target)
        }

        private static func packed(_ target: Target) -> (Bool, UInt64) {
            switch target {
            case .loop(let id): (true, X12Tree.pack(id))
            case .segment(let tag): (false, X12Tree.pack(tag))
            }
        }
    }

    struct Condition: Sendable, Hashable {
        var element: ElementReference
        var values: [String]
        var negated: Bool
    }

    let start: Start
    let steps: [Step]
    /// The element read at the end; nil for a selector (`each:`), which names loops or segments.
    let element: ElementReference?
    let text: String

    var description: String { text }

    static func == (a: X12Path, b: X12Path) -> Bool {
        a === b || (a.text == b.text && a.start == b.start && a.steps == b.steps && a.element == b.element)
    }

    func hash(into hasher: inout Hasher) { hasher.combine(text) }

    static func isSegmentTag<S: StringProtocol>(_ s: S) -> Bool {
        guard s.count >= 2, s.count <= 3, let first = s.first, first.isASCII, first.isUppercase else { return false }
        return s.allSatisfy { $0.isASCII && ($0.isUppercase || $0.isNumber) }
    }

    static func isLoopID<S: StringProtocol>(_ s: S) -> Bool {
        guard let first = s.first, first.isNumber else { return false }
        return s.allSatisfy { $0.isASCII && ($0.isUppercase || $0.isNumber) }
    }

    enum ParseError: Error { case invalid(String) }

    /// Parses a value path (ends in an element reference) or, with `selector`, a path that ends in a
    /// loop or a segment.
    init(parsing text: String, selector: Bool) throws(ParseError) {
        self.text = text
        var rest = Substring(text)
        var start = Start.scope
        if rest.hasPrefix("../") {
            var levels = 0
            while rest.hasPrefix("../") {
                levels += 1
                rest = rest.dropFirst(3)
            }
            start = .parent(levels)
        } else if rest.hasPrefix("/"), !rest.hasPrefix("//") {
            start = .root
            rest = rest.dropFirst()
        }
        var steps: [Step] = []
        var element: ElementReference?
        var descendants = false
        while !rest.isEmpty {
            if rest.hasPrefix("//") {
                descendants = true
                rest = rest.dropFirst(2)
            } else if rest.hasPrefix("/") {
                guard !steps.isEmpty else { throw .invalid("a path cannot begin with '/' here") }
                rest = rest.dropFirst()
            }
            // One step: up to the next '/' outside brackets.
            var end = rest.startIndex
            var depth = 0
            while end < rest.endIndex, depth > 0 || rest[end] != "/" {
                if rest[end] == "[" { depth += 1 }
                if rest[end] == "]" { depth -= 1 }
                end = rest.index(after: end)
            }
            let token = rest[..<end]
            rest = rest[end...]
            let isLast = rest.isEmpty
            if isLast, !selector {
                guard !descendants else { throw .invalid("'//' must be followed by a loop or segment, not an element") }
                guard let ref = ElementReference(token) else {
                    throw .invalid("'\(token)' is not an element reference such as B204, N101 or L1107:2")
                }
                element = ref
                break
            }
            steps.append(try X12Path.step(token, descendants: descendants))
            descendants = false
        }
        if selector, steps.isEmpty { throw .invalid("a selector names at least one loop or segment") }
        if !selector, element == nil { throw .invalid("a value path ends in an element reference such as B204") }
        self.start = start
        self.steps = steps
        self.element = element
    }

    private static func step(_ token: Substring, descendants: Bool) throws(ParseError) -> Step {
        var name = token
        var condition: Condition?
        if let open = token.firstIndex(of: "[") {
            guard token.last == "]" else { throw .invalid("'\(token)': a condition ends with ']'") }
            name = token[..<open]
            let body = token[token.index(after: open)..<token.index(before: token.endIndex)]
            let negated = body.contains("!=")
            let parts = negated
                ? body.split(separator: "!=", maxSplits: 1).map { Substring($0) }
                : body.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, let ref = ElementReference(parts[0]) else {
                throw .invalid("'\(body)' is not a condition such as N101=SH or L1102=BM|MB")
            }
            let values = parts[1].split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            condition = Condition(element: ref, values: values, negated: negated)
        }
        if isLoopID(name) { return Step(target: .loop(String(name)), descendants: descendants, condition: condition) }
        if isSegmentTag(name) {
            if let condition, condition.element.tag != name {
                throw .invalid("'\(token)': the condition must test an element of \(name)")
            }
            return Step(target: .segment(String(name)), descendants: descendants, condition: condition)
        }
        throw .invalid("'\(name)' is neither a loop id (0300) nor a segment id (S5)")
    }
}
