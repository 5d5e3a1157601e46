public import X12

/// Translates a whole file held in memory, whatever its format (X12 by its ISA, XML by its `<`, else
/// the CSV or fixed-width mapping whose layout recognises it): the entry point of `translate`, the
/// golden cases and the tests.
public enum FileTranslation {
    /// Every report in file order. Throws `X12Error` when an X12 file cannot be read at all.
    public static func translate(
        _ bytes: [UInt8], fileName: String, registry: MappingRegistry, partner: String? = nil, forced: MappingPlan? = nil,
        leniency: Leniency = .strict
    ) throws -> [TranslationReport] {
        let sniffed = FlatTranslator.sniff(bytes)
        if sniffed == "x12" || (sniffed == nil && forced?.applies.format == "x12") {
            return try X12Translator.translate(bytes, fileName: fileName, registry: registry, partner: partner, forced: forced, leniency: leniency)
        }
        let formats = sniffed.map { [$0] } ?? ["fixed", "csv"]
        guard let plan = forced ?? registry.flatPlan(formats: formats, partner: partner, bytes: bytes) else {
            return [.noFlatMapping(format: formats.joined(separator: " or "))]
        }
        return FlatTranslator.translate(bytes, fileName: fileName, format: plan.applies.format, plan: plan, partner: partner)
    }
}
