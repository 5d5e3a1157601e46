extension Duration {
    /// Whole milliseconds, rounded down (libssh2 timeouts, `poll`).
    var wholeMilliseconds: Int64 {
        components.seconds * 1_000 + components.attoseconds / 1_000_000_000_000_000
    }

    /// Seconds as a `Double` (`Thread.sleep`).
    var secondsValue: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
