public import Delivery

/// A password, token, key or connection string from the configuration: the Delivery module's `Secret`, which
/// prints as `<redacted>` everywhere (`description`, `debugDescription`, `dump`, string interpolation), so a
/// log line or an error that holds one by mistake still shows nothing; only `exposedValue` gives the text.
public typealias Secret = Delivery.Secret
