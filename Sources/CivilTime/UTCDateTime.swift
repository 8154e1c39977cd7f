import Foundation

/// A moment as UTC calendar fields (proleptic Gregorian), to the millisecond: the one calendar
/// arithmetic of regiond, behind the RFC 3339 text of the store and API and SigV4's `X-Amz-Date`.
/// Foundation's formatters cost more than the work around them on hot paths (a health batch
/// holds 10,000 times) and reject forms AWS and gateways send, hence by hand.
public struct UTCDateTime: Sendable, Hashable {
    public var year: Int
    public var month: Int
    public var day: Int
    public var hour: Int
    public var minute: Int
    public var second: Int
    public var millisecond: Int

    /// Fields of `date`, rounded to the nearest millisecond (0.53 s is 0.52999… as a Double).
    public init(_ date: Date) {
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded())
        let (days, msOfDay) = Self.floorDivide(milliseconds, 86_400_000)
        (year, month, day) = Self.civilDate(daysSinceEpoch: Int(days))
        let ms = Int(msOfDay)
        hour = ms / 3_600_000
        minute = ms / 60_000 % 60
        second = ms / 1000 % 60
        millisecond = ms % 1000
    }

    /// Fields as written; nil for a date the calendar does not have (Feb 30, hour 24, …). A leap
    /// second (`:60`) is allowed: `date` reads it as the next second.
    public init?(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, millisecond: Int = 0) {
        guard (1...12).contains(month), day >= 1, day <= Self.days(inMonth: month, year: year),
              (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second), (0...999).contains(millisecond)
        else { return nil }
        (self.year, self.month, self.day, self.hour, self.minute, self.second, self.millisecond) =
            (year, month, day, hour, minute, second, millisecond)
    }

    /// Whole seconds since 1970-01-01T00:00:00Z, without the milliseconds.
    public var secondsSinceEpoch: Int64 {
        Int64(Self.daysSinceEpoch(year: year, month: month, day: day)) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
    }

    public var date: Date {
        Date(timeIntervalSince1970: Double(secondsSinceEpoch) + Double(millisecond) / 1000)
    }

    static func days(inMonth month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Howard Hinnant's `days_from_civil`.
    static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// Howard Hinnant's `civil_from_days`.
    static func civilDate(daysSinceEpoch days: Int) -> (year: Int, month: Int, day: Int) {
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

    static func floorDivide(_ value: Int64, _ divisor: Int64) -> (quotient: Int64, remainder: Int64) {
        var (q, r) = value.quotientAndRemainder(dividingBy: divisor)
        if r < 0 {
            q -= 1
            r += divisor
        }
        return (q, r)
    }
}
