import Foundation

/// RFC 3339 UTC text, the one time format of the store and the API.
public enum Timestamp {
    private static let withFraction = Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt)
    private static let withoutFraction = Date.ISO8601FormatStyle(timeZone: .gmt)

    /// `2026-11-26T00:44:53.123Z`: millisecond precision (rounded), always UTC.
    ///
    /// Written out by hand: health ingest formats one per sample, and Foundation's formatter
    /// costs more than the SQLite row insert. (Foundation also truncates fractions, and 0.53 s is
    /// 0.52999… as a Double: rounding to milliseconds first avoids both.)
    public static func format(_ date: Date) -> String {
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded())
        var (days, msOfDay) = milliseconds.quotientAndRemainder(dividingBy: 86_400_000)
        if msOfDay < 0 {
            msOfDay += 86_400_000
            days -= 1
        }
        let (year, month, day) = civilDate(daysSinceEpoch: days)
        let (hour, rest) = msOfDay.quotientAndRemainder(dividingBy: 3_600_000)
        let (minute, rest2) = rest.quotientAndRemainder(dividingBy: 60_000)
        let (second, ms) = rest2.quotientAndRemainder(dividingBy: 1000)
        func pad(_ value: Int64, _ width: Int) -> String {
            let text = String(value)
            return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(hour, 2)):\(pad(minute, 2)):\(pad(second, 2)).\(pad(ms, 3))Z"
    }

    /// Howard Hinnant's civil_from_days: (year, month, day) of a day count from 1970-01-01.
    static func civilDate(daysSinceEpoch days: Int64) -> (Int64, Int64, Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
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
