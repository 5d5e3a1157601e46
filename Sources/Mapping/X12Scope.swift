import X12

/// Where a path is evaluated: a loop instance (or the whole set, or one segment), with its enclosing
/// scopes for `../` and `/`.
final class X12Scope: Sendable {
    let children: [TransactionNode]
    let parent: X12Scope?
    /// The loop id, when this scope is a loop instance.
    let loopID: String?

    init(children: [TransactionNode], parent: X12Scope?, loopID: String?) {
        self.children = children
        self.parent = parent
        self.loopID = loopID
    }

    var root: X12Scope { parent?.root ?? self }

    func ancestor(_ levels: Int) -> X12Scope? {
        var scope: X12Scope? = self
        for _ in 0..<levels { scope = scope?.parent }
        return scope
    }

    /// Every scope the selector names, in file order.
    func select(_ path: X12Path) -> [X12Scope] {
        guard var current = start(path) else { return [] }
        var scopes = [current]
        for step in path.steps {
            var next: [X12Scope] = []
            for scope in scopes { next += scope.matches(step) }
            scopes = next
            if scopes.isEmpty { return [] }
            current = scopes[0]
        }
        return scopes
    }

    /// `select(path).first`, depth first: the first match of the remaining steps under each match in
    /// file order, stopping at the first found (an object's `scope:` wants only that one).
    func selectFirst(_ path: X12Path) -> X12Scope? {
        guard let start = start(path) else { return nil }
        return start.firstMatch(path.steps[...])
    }

    private func firstMatch(_ steps: ArraySlice<X12Path.Step>) -> X12Scope? {
        guard let step = steps.first else { return self }
        var found: X12Scope?
        visit(step) { scope in
            found = scope.firstMatch(steps.dropFirst())
            return found == nil
        }
        return found
    }

    /// The value `path` reads: the element of the first matching segment, or empty.
    func value(_ path: X12Path) -> String {
        guard let element = path.element else { return "" }
        guard let start = start(path) else { return "" }
        var scope = start
        for (i, step) in path.steps.enumerated() {
            if i == path.steps.count - 1, !step.descendants, case .segment(let tag) = step.target, tag == element.tag {
                return scope.firstValue(tag: tag, step.condition, element)
            }
            guard let first = scope.firstMatch(step) else { return "" }
            scope = first
        }
        for case .segment(let record) in scope.children where record.segment.tag == element.tag {
            return element.value(in: record.segment)
        }
        return ""
    }

    /// `element` of the first segment `tag` here (or of the first loop it opens) that meets `condition`:
    /// what a last step such as `../AT8/AT804` reads, without making a scope for the match.
    private func firstValue(tag: String, _ condition: X12Path.Condition?, _ element: ElementReference) -> String {
        for node in children {
            switch node {
            case .segment(let record):
                guard record.segment.tag == tag else { continue }
                if let condition, !condition.holds(condition.element.value(in: record.segment)) { continue }
                return element.value(in: record.segment)
            case .loop(let instance):
                guard X12Scope.opens(instance.children, with: tag, condition),
                    case .segment(let record)? = instance.children.first
                else { continue }
                return element.value(in: record.segment)
            }
        }
        return ""
    }

    private func start(_ path: X12Path) -> X12Scope? {
        switch path.start {
        case .scope: self
        case .root: root
        case .parent(let levels): ancestor(levels)
        }
    }

    private func firstMatch(_ step: X12Path.Step) -> X12Scope? {
        var found: X12Scope?
        visit(step) { scope in
            found = scope
            return false
        }
        return found
    }

    private func matches(_ step: X12Path.Step) -> [X12Scope] {
        var found: [X12Scope] = []
        visit(step) { scope in
            found.append(scope)
            return true
        }
        return found
    }

    /// Calls `body` with each match of `step` in file order until it returns false; false when stopped.
    @discardableResult
    private func visit(_ step: X12Path.Step, _ body: (X12Scope) -> Bool) -> Bool {
        for (index, node) in children.enumerated() {
            switch node {
            case .segment(let record):
                guard case .segment(let tag) = step.target, record.segment.tag == tag else { continue }
                if let condition = step.condition, !condition.holds(condition.element.value(in: record.segment)) { continue }
                // A segment that opens its loop scopes the rest of the path to that loop instance.
                let scope: X12Scope
                if index == 0, loopID != nil, let parent {
                    scope = X12Scope(children: children, parent: parent, loopID: loopID)
                } else {
                    scope = X12Scope(children: [node], parent: self, loopID: nil)
                }
                if !body(scope) { return false }
            case .loop(let instance):
                // The child scope is made only for a match or a descent: most loops are neither.
                let matches: Bool
                switch step.target {
                case .loop(let id): matches = instance.id == id && X12Scope.satisfies(instance.children, step.condition)
                // A loop is also named by the segment that opens it: `N1[N101=BT]` matches the 0100 loop.
                case .segment(let tag): matches = X12Scope.opens(instance.children, with: tag, step.condition)
                }
                if matches {
                    if !body(X12Scope(children: instance.children, parent: self, loopID: instance.id)) { return false }
                } else if step.descendants {
                    let child = X12Scope(children: instance.children, parent: self, loopID: instance.id)
                    if !child.visit(step, body) { return false }
                }
            }
        }
        return true
    }

    private static func opens(_ children: [TransactionNode], with tag: String, _ condition: X12Path.Condition?) -> Bool {
        guard case .segment(let record)? = children.first, record.segment.tag == tag else { return false }
        return condition?.holds(condition!.element.value(in: record.segment)) ?? true
    }

    private static func satisfies(_ children: [TransactionNode], _ condition: X12Path.Condition?) -> Bool {
        guard let condition else { return true }
        for case .segment(let record) in children where record.segment.tag == condition.element.tag {
            return condition.holds(condition.element.value(in: record.segment))
        }
        return condition.holds("")
    }
}

extension X12Path.Condition {
    func holds(_ value: String) -> Bool {
        values.contains(value.trimmedOfBlanks) != negated
    }
}
