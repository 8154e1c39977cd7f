import Foundation

/// A hand-written RFC 3339 parser for `observed_at`: a batch holds up to 10,000 timestamps, and
/// Foundation's format styles cost microseconds each and reject offsets other than `Z`/`±hh:mm`
/// or more than three fraction digits, which gateways send.
///
/// Accepts `YYYY-MM-DDTHH:MM:SS[.f…]` (0–9 fraction digits) followed by `Z` or `±HH:MM`; `T` and
/// `Z` may be lower case, as RFC 3339 allows. A leap second (`:60`) is read as the next second.
enum RFC3339 {
    static func parse(_ text: String) -> Date? {
        var text = text
        return text.withUTF8 { parse(UnsafeRawBufferPointer($0)) }
    }

    static func parse(_ bytes: UnsafeRawBufferPointer) -> Date? {
        let n = bytes.count
        guard n >= 20 else { return nil }
        func digits(_ at: Int, _ count: Int) -> Int? {
            var value = 0
            for i in at..<(at + count) {
                let d = Int(bytes[i]) &- 48
                guard d >= 0 && d <= 9 else { return nil }
                value = value * 10 + d
            }
            return value
        }
        guard let year = digits(0, 4), bytes[4] == UInt8(ascii: "-"),
              let month = digits(5, 2), bytes[7] == UInt8(ascii: "-"),
              let day = digits(8, 2), bytes[10] | 0x20 == UInt8(ascii: "t"),
              let hour = digits(11, 2), bytes[13] == UInt8(ascii: ":"),
              let minute = digits(14, 2), bytes[16] == UInt8(ascii: ":"),
              let second = digits(17, 2)
        else { return nil }
        guard (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year),
              hour <= 23, minute <= 59, second <= 60
        else { return nil }

        var at = 19
        var fraction = 0.0
        if bytes[at] == UInt8(ascii: ".") {
            at += 1
            var mantissa = 0
            var scale = 1
            while at < n, bytes[at] >= UInt8(ascii: "0"), bytes[at] <= UInt8(ascii: "9") {
                guard scale < 1_000_000_000 else { return nil }  // at most 9 digits
                mantissa = mantissa * 10 + Int(bytes[at] - UInt8(ascii: "0"))
                scale *= 10
                at += 1
            }
            guard scale > 1 else { return nil }  // a dot needs digits
            fraction = Double(mantissa) / Double(scale)
        }

        guard at < n else { return nil }
        var offsetSeconds = 0
        if bytes[at] | 0x20 == UInt8(ascii: "z") {
            at += 1
        } else if bytes[at] == UInt8(ascii: "+") || bytes[at] == UInt8(ascii: "-") {
            guard n - at >= 6, let oh = digits(at + 1, 2), bytes[at + 3] == UInt8(ascii: ":"),
                  let om = digits(at + 4, 2), oh <= 23, om <= 59
            else { return nil }
            offsetSeconds = (oh * 3600 + om * 60) * (bytes[at] == UInt8(ascii: "-") ? -1 : 1)
            at += 6
        } else {
            return nil
        }
        guard at == n else { return nil }

        let days = daysSinceEpoch(year: year, month: month, day: day)
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds
        return Date(timeIntervalSince1970: Double(seconds) + fraction)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
    static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
