public import X12

/// Translates a whole file held in memory, whatever its format: the entry point of `translate`, the
/// golden cases and the tests.
public enum FileTranslation {
    /// Every report in file order. Throws `X12Error` when an X12 file cannot be read at all.
    public static func translate(
        _ bytes: [UInt8], fileName: String, registry: MappingRegistry, partner: String? = nil, forced: MappingPlan? = nil,
        leniency: Leniency = .strict
    ) throws -> [TranslationReport] {
        try X12Translator.translate(bytes, fileName: fileName, registry: registry, partner: partner, forced: forced, leniency: leniency)
    }
}
