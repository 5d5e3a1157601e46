import Foundation

// A hand-written checker of the subset of JSON Schema that `JSONSchema` models. None of the Swift packages
// kept on our build machines validates JSON Schema, and the subset is small: it is checked both ways by
// CanonicalTests (documents that pass, and one broken document per keyword that must fail).
extension JSONSchema {
    /// Problems found validating `value` (as `JSONSerialization` returns it) against this schema; empty
    /// when it conforms. Each problem names the JSON pointer of the offending value.
    public func problems(validating value: Any) -> [String] {
        var problems: [String] = []
        check(value, at: "", root: self, into: &problems)
        return problems
    }

    private func check(_ value: Any, at pointer: String, root: JSONSchema, into problems: inout [String]) {
        if let ref {
            let name = ref.replacingOccurrences(of: "#/$defs/", with: "")
            guard let target = root.defs?[name] else {
                problems.append("\(pointer): unresolved $ref \(ref)")
                return
            }
            target.check(value, at: pointer, root: root, into: &problems)
            return
        }
        if let type, !JSONSchema.value(value, hasType: type) {
            problems.append("\(pointer): expected \(type)")
            return
        }
        if let string = value as? String {
            if let const, string != const { problems.append("\(pointer): expected \"\(const)\"") }
            if let enumeration, !enumeration.contains(string) { problems.append("\(pointer): \"\(string)\" is not one of the allowed values") }
            if let pattern, string.range(of: pattern, options: .regularExpression) == nil {
                problems.append("\(pointer): \"\(string)\" does not match \(pattern)")
            }
        }
        if let minimum, let number = value as? NSNumber, number.intValue < minimum {
            problems.append("\(pointer): below the minimum \(minimum)")
        }
        if let object = value as? [String: Any] {
            for name in required ?? [] where object[name] == nil { problems.append("\(pointer): missing \(name)") }
            for (key, item) in object.sorted(by: { $0.key < $1.key }) {
                if let property = properties?[key] {
                    property.check(item, at: pointer + "/" + key, root: root, into: &problems)
                } else if additionalProperties == false {
                    problems.append("\(pointer): unexpected property \(key)")
                }
            }
        }
        if let array = value as? [Any], let element = items?.first {
            for (i, item) in array.enumerated() { element.check(item, at: "\(pointer)/\(i)", root: root, into: &problems) }
        }
    }

    /// JSONSerialization's booleans are NSNumbers too (and `is Bool` holds for any NSNumber on Linux), so
    /// a boolean is told apart by its class.
    private static func isBoolean(_ value: Any) -> Bool {
        Swift.type(of: value) == Swift.type(of: NSNumber(value: true) as Any)
    }

    private static func value(_ value: Any, hasType type: String) -> Bool {
        switch type {
        case "object": return value is [String: Any]
        case "array": return value is [Any]
        case "string": return value is String
        case "integer":
            guard let number = value as? NSNumber, !isBoolean(value) else { return false }
            return number.doubleValue == number.doubleValue.rounded()
        case "boolean": return isBoolean(value)
        default: return false
        }
    }
}
