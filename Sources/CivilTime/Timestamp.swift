import Foundation

/// RFC 3339 UTC text, the one time format of the store and the API: one formatter, one parser.
public enum Timestamp {
    /// `2026-11-26T00:44:53.123Z`: millisecond precision (rounded), always UTC.
    public static func format(_ date: Date) -> String {
        let t = UTCDateTime(date)
        // One interpolation of small (inline, unallocated) strings: health ingest formats one per sample.
        return "\(Digits.padded(t.year, 4))-\(Digits.padded(t.month, 2))-\(Digits.padded(t.day, 2))T\(Digits.padded(t.hour, 2))"
            + ":\(Digits.padded(t.minute, 2)):\(Digits.padded(t.second, 2)).\(Digits.padded(t.millisecond, 3))Z"
    }

    public static func now() -> String { format(Date()) }

    /// Normalises any accepted text to UTC (`Z`) at millisecond precision.
    public static func normalize(_ text: String) -> String? {
        parse(text).map(format)
    }

    /// Parses `YYYY-MM-DD` `T` `HH:MM:SS[.f…]` then `Z` or `±HH:MM`, with 0–9 fraction digits
    /// (AWS sends none, three or nine). `T` and `Z` may be lower case, and a space may stand for
    /// `T`, as RFC 3339 allows. Impossible dates (Feb 29 of 2026, hour 24) are nil.
    public static func parse(_ text: String) -> Date? {
        var text = text
        return text.withUTF8 { parse(UnsafeRawBufferPointer($0)) }
    }

    public static func parse(_ bytes: UnsafeRawBufferPointer) -> Date? {
        var reader = Digits(bytes: bytes)
        guard let year = reader.number(4), reader.skip("-"), let month = reader.number(2), reader.skip("-"),
              let day = reader.number(2), reader.skip(anyOf: "Tt "),
              let hour = reader.number(2), reader.skip(":"), let minute = reader.number(2), reader.skip(":"),
              let second = reader.number(2), let fraction = reader.fraction(maxDigits: 9),
              let offset = reader.offsetSeconds(), reader.atEnd,
              let fields = UTCDateTime(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        else { return nil }
        return Date(timeIntervalSince1970: Double(fields.secondsSinceEpoch - Int64(offset)) + fraction)
    }
}
