/// One data element as owned values: its repetitions, each split into components.
///
/// A simple element is one repetition of one component. Values are kept exactly as received.
public struct Element: Sendable, Hashable {
    /// A simple element (one repetition of one component, by far the most common) is kept as its one
    /// string, without the two arrays `repetitions` would need: a kept set builds one `Element` per element,
    /// and those arrays were a large share of `translate`'s allocations.
    private var simple: String
    /// Nil for a simple element; otherwise every repetition, each split into components.
    private var complex: [[String]]?

    public var repetitions: [[String]] {
        get { complex ?? [[simple]] }
        set { (simple, complex) = Element.storage(newValue) }
    }

    public init(_ value: String) {
        simple = value
        complex = nil
    }
    public init(components: [String]) { (simple, complex) = Element.storage([components]) }
    public init(repetitions: [[String]]) { (simple, complex) = Element.storage(repetitions) }

    private static func storage(_ repetitions: [[String]]) -> (String, [[String]]?) {
        if repetitions.count == 1, repetitions[0].count == 1 { return (repetitions[0][0], nil) }
        return ("", repetitions)
    }

    init(parsing bytes: UnsafeBufferPointer<UInt8>, component: UInt8, repetition: UInt8?) {
        func components(_ part: Slice<UnsafeBufferPointer<UInt8>>) -> [String] {
            part.split(separator: component, omittingEmptySubsequences: false).map {
                String(decoding: $0, as: UTF8.self)
            }
        }
        if let repetition, bytes.contains(repetition) {
            self.init(repetitions: bytes[...].split(separator: repetition, omittingEmptySubsequences: false).map(components))
        } else if !bytes.contains(component) {
            self.init(String(decoding: bytes, as: UTF8.self))
        } else {
            self.init(repetitions: [components(bytes[...])])
        }
    }

    /// The first component of the first repetition: the whole value of a simple element.
    public var value: String {
        guard let complex else { return simple }
        return complex.first?.first ?? ""
    }

    public var isEmpty: Bool {
        guard let complex else { return simple.isEmpty }
        return complex.allSatisfy { $0.allSatisfy(\.isEmpty) }
    }

    /// Component `index` (1-based) of repetition `repetition` (1-based); empty when absent.
    public func component(_ index: Int, repetition: Int = 1) -> String {
        guard let complex else { return index == 1 && repetition == 1 ? simple : "" }
        guard repetition >= 1, repetition <= complex.count else { return "" }
        let comps = complex[repetition - 1]
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
