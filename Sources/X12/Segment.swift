/// One data element as owned values: its repetitions, each split into components.
///
/// A simple element is one repetition of one component. Values are kept exactly as received.
public struct Element: Sendable, Hashable {
    public var repetitions: [[String]]

    public init(_ value: String) { repetitions = [[value]] }
    public init(components: [String]) { repetitions = [components] }
    public init(repetitions: [[String]]) { self.repetitions = repetitions }

    init(parsing bytes: UnsafeBufferPointer<UInt8>, component: UInt8, repetition: UInt8?) {
        func components(_ part: Slice<UnsafeBufferPointer<UInt8>>) -> [String] {
            part.split(separator: component, omittingEmptySubsequences: false).map {
                String(decoding: $0, as: UTF8.self)
            }
        }
        if let repetition, bytes.contains(repetition) {
            repetitions = bytes[...].split(separator: repetition, omittingEmptySubsequences: false).map(components)
        } else {
            repetitions = [components(bytes[...])]
        }
    }

    /// The first component of the first repetition: the whole value of a simple element.
    public var value: String { repetitions.first?.first ?? "" }

    public var isEmpty: Bool { repetitions.allSatisfy { $0.allSatisfy(\.isEmpty) } }

    /// Component `index` (1-based) of repetition `repetition` (1-based); empty when absent.
    public func component(_ index: Int, repetition: Int = 1) -> String {
        guard repetition >= 1, repetition <= repetitions.count else { return "" }
        let comps = repetitions[repetition - 1]
        guard index >= 1, index <= comps.count else { return "" }
        return comps[index - 1]
    }
}

/// One segment as owned values: its tag and its data elements (element 1 is `elements[0]`).
public struct Segment: Sendable, Hashable {
    public var tag: String
    public var elements: [Element]

    public init(tag: String, elements: [Element]) {
        self.tag = tag
        self.elements = elements
    }

    /// A segment of simple elements: `Segment("N1", "SH", "ACME")`.
    public init(_ tag: String, _ values: String...) {
        self.init(tag: tag, elements: values.map(Element.init))
    }

    public init(_ tag: String, values: [String]) {
        self.init(tag: tag, elements: values.map(Element.init))
    }

    /// The value of element `index` (1-based, as in `N101`); empty when absent.
    public subscript(_ index: Int) -> String {
        index >= 1 && index <= elements.count ? elements[index - 1].value : ""
    }

    /// The element at `index` (1-based), if present.
    public func element(_ index: Int) -> Element? {
        index >= 1 && index <= elements.count ? elements[index - 1] : nil
    }
}
