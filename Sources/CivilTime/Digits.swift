/// Reads the fixed-width fields of a time stamp from bytes, and writes zero-padded numbers.
struct Digits {
    let bytes: UnsafeRawBufferPointer
    var at = 0

    init(bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    var atEnd: Bool { at == bytes.count }

    /// Exactly `count` ASCII digits.
    mutating func number(_ count: Int) -> Int? {
        guard at + count <= bytes.count else { return nil }
        var value = 0
        for i in at..<(at + count) {
            let digit = Int(bytes[i]) &- 48
            guard digit >= 0 && digit <= 9 else { return nil }
            value = value * 10 + digit
        }
        at += count
        return value
    }

    mutating func skip(_ character: Unicode.Scalar) -> Bool {
        skip(anyOf: String(character))
    }

    mutating func skip(anyOf characters: String) -> Bool {
        guard at < bytes.count, characters.utf8.contains(bytes[at]) else { return false }
        at += 1
        return true
    }

    /// `.` and 1…`maxDigits` digits as a fraction of a second; 0 when there is no dot.
    mutating func fraction(maxDigits: Int) -> Double? {
        guard skip(".") else { return 0 }
        var mantissa = 0, digits = 0
        while at < bytes.count, let digit = Optional(Int(bytes[at]) &- 48), digit >= 0 && digit <= 9 {
            guard digits < maxDigits else { return nil }
            mantissa = mantissa * 10 + digit
            digits += 1
            at += 1
        }
        guard digits > 0 else { return nil }  // a dot needs digits
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        return Double(mantissa) / scale
    }

    /// `Z`/`z` (0) or `±HH:MM`, as seconds east of UTC.
    mutating func offsetSeconds() -> Int? {
        if skip(anyOf: "Zz") { return 0 }
        guard at < bytes.count else { return nil }
        let sign = bytes[at] == UInt8(ascii: "-") ? -1 : 1
        guard skip(anyOf: "+-"), let hours = number(2), skip(":"), let minutes = number(2), hours <= 23, minutes <= 59
        else { return nil }
        return sign * (hours * 3600 + minutes * 60)
    }

    /// `value` in at least `width` digits, zero-padded.
    static func padded(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
