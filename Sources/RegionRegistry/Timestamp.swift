import Foundation

/// RFC 3339 UTC text, the one time format of the store and the API.
public enum Timestamp {
    private static let withFraction = Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt)
    private static let withoutFraction = Date.ISO8601FormatStyle(timeZone: .gmt)

    /// `2026-11-26T00:44:53.123Z`: millisecond precision (rounded), always UTC.
    public static func format(_ date: Date) -> String {
        // Foundation truncates fractions, and 0.53 s is 0.52999… as a Double: round ourselves.
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded())
        let (seconds, fraction) = milliseconds.quotientAndRemainder(dividingBy: 1000)
        let whole = Date(timeIntervalSince1970: Double(fraction < 0 ? seconds - 1 : seconds))
        let text = withoutFraction.format(whole)  // …:19Z
        return text.dropLast() + "." + String(format: "%03d", fraction < 0 ? fraction + 1000 : fraction) + "Z"
    }

    public static func now() -> String { format(Date()) }

    /// Parses RFC 3339 with or without fractional seconds (AWS sends both).
    public static func parse(_ text: String) -> Date? {
        if let date = try? withFraction.parse(text) { return date }
        if let date = try? withoutFraction.parse(text) { return date }
        // ISO8601FormatStyle wants `Z` or `+hh:mm`; AWS and catalogs also write other offsets
        // and more than three fractional digits, which Foundation's parser rejects.
        return lenientParse(text)
    }

    private static func lenientParse(_ text: String) -> Date? {
        guard let tIndex = text.firstIndex(where: { $0 == "T" || $0 == "t" || $0 == " " }) else { return nil }
        let datePart = text[..<tIndex]
        var rest = text[text.index(after: tIndex)...]
        var offsetSeconds = 0
        if rest.hasSuffix("Z") || rest.hasSuffix("z") {
            rest = rest.dropLast()
        } else if let sign = rest.lastIndex(where: { $0 == "+" || $0 == "-" }) {
            let offset = rest[rest.index(after: sign)...].split(separator: ":")
            guard offset.count == 2, let h = Int(offset[0]), let m = Int(offset[1]) else { return nil }
            offsetSeconds = (h * 3600 + m * 60) * (rest[sign] == "-" ? -1 : 1)
            rest = rest[..<sign]
        } else {
            return nil
        }
        var fraction = 0.0
        if let dot = rest.firstIndex(of: ".") {
            guard let f = Double("0" + rest[dot...]) else { return nil }
            fraction = f
            rest = rest[..<dot]
        }
        guard let whole = try? withoutFraction.parse("\(datePart)T\(rest)Z") else { return nil }
        return whole.addingTimeInterval(fraction - Double(offsetSeconds))
    }

    /// Normalises any accepted RFC 3339 text to UTC (`Z`), keeping up to millisecond precision.
    public static func normalize(_ text: String) -> String? {
        parse(text).map(format)
    }
}
