/// Numbers: exact for the common short forms, the standard library beyond.
extension JSONScanner {
    private static let exactPowersOfTen: [Double] = (0...22).map { power in
        var value = 1.0
        for _ in 0..<power { value *= 10 }
        return value
    }

    /// Reads a JSON number. Up to 15 significant digits and 22 fraction digits are converted
    /// exactly (mantissa ÷ 10ⁿ, both exact doubles, rounds once); anything longer or with an
    /// exponent goes through the standard library's parser.
    public mutating func scanNumber() throws(JSONSyntaxError) -> Double {
        let start = position
        var mantissa: Int64 = 0
        var digitCount = 0
        var fractionDigits = 0
        var simple = true

        if bytes[position] == UInt8(ascii: "-") { position += 1 }
        guard position < bytes.count, isDigit(bytes[position]) else { throw fail("invalid number") }
        if bytes[position] == UInt8(ascii: "0") {
            position += 1
            if position < bytes.count, isDigit(bytes[position]) { throw fail("invalid number (leading zero)") }
        } else {
            while position < bytes.count, isDigit(bytes[position]) {
                mantissa = mantissa &* 10 &+ Int64(bytes[position] - UInt8(ascii: "0"))
                digitCount += 1
                position += 1
            }
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            position += 1
            guard position < bytes.count, isDigit(bytes[position]) else { throw fail("invalid number") }
            while position < bytes.count, isDigit(bytes[position]) {
                mantissa = mantissa &* 10 &+ Int64(bytes[position] - UInt8(ascii: "0"))
                if mantissa != 0 { digitCount += 1 }
                fractionDigits += 1
                position += 1
            }
        }
        if position < bytes.count, bytes[position] | 0x20 == UInt8(ascii: "e") {
            simple = false
            position += 1
            if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") { position += 1 }
            guard position < bytes.count, isDigit(bytes[position]) else { throw fail("invalid number") }
            while position < bytes.count, isDigit(bytes[position]) { position += 1 }
        }
        let negative = bytes[start] == UInt8(ascii: "-")
        if simple, digitCount <= 15, fractionDigits <= 22 {
            let magnitude = Double(mantissa) / Self.exactPowersOfTen[fractionDigits]
            return negative ? -magnitude : magnitude
        }
        let text = String(decoding: bytes[start..<position], as: UTF8.self)
        guard let value = Double(text) else { throw fail("invalid number") }
        return value
    }

    private func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }
}
