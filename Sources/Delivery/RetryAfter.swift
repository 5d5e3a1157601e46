public import Foundation

/// Reads a `Retry-After` value: delay seconds, or an HTTP date (RFC 9110 section 10.2.3).
///
/// Dates are accepted in all three forms a recipient must read: IMF-fixdate
/// (`Sun, 06 Nov 1994 08:49:37 GMT`), RFC 850 (`Sunday, 06-Nov-94 08:49:37 GMT`) and asctime
/// (`Sun Nov  6 08:49:37 1994`). Answers the delay from `now`, never negative; `nil` when unreadable.
public func parseRetryAfter(_ value: String, now: Date) -> TimeInterval? {
    let text = value.trimmingCharacters(in: .whitespaces)
    if !text.isEmpty, text.allSatisfy(\.isASCII), text.allSatisfy(\.isNumber) {
        return TimeInterval(text).map { max(0, $0) }
    }
    for format in ["EEE, dd MMM yyyy HH:mm:ss zzz", "EEEE, dd-MMM-yy HH:mm:ss zzz", "EEE MMM d HH:mm:ss yyyy"] {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = format
        let normalized = format.hasPrefix("EEE MMM") ? text.replacingOccurrences(of: "  ", with: " ") : text
        if let date = formatter.date(from: normalized) {
            return max(0, date.timeIntervalSince(now))
        }
    }
    return nil
}
