/// Where and why a body stopped being JSON.
struct JSONSyntaxError: Error {
    var offset: Int
    var message: String
}

/// A minimal pull scanner over UTF-8 JSON, for the sample-batch hot path: it reads values in
/// place (no intermediate tree, no `Any` boxing) and allocates only for strings it returns.
struct JSONScanner {
    /// A JSON string as found: a byte range of the body when it has no escapes, else its decoded bytes.
    enum Text {
        case raw(Range<Int>)
        case decoded([UInt8])
    }

    /// A scalar value, or the kind of container that was skipped.
    enum Value {
        case string(Text)
        case number(Double)
        case bool(Bool)
        case null
        case object
        case array
    }

    static let maxDepth = 64

    let bytes: UnsafeRawBufferPointer
    private(set) var position = 0

    init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    var atEnd: Bool { position >= bytes.count }

    func fail(_ message: String) -> JSONSyntaxError {
        JSONSyntaxError(offset: position, message: message)
    }

    mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x0A, 0x0D, 0x09: position += 1
            default: return
            }
        }
    }

    /// The next non-whitespace byte, not consumed.
    mutating func peek() -> UInt8? {
        skipWhitespace()
        return position < bytes.count ? bytes[position] : nil
    }

    mutating func expect(_ byte: UInt8) throws(JSONSyntaxError) {
        guard peek() == byte else { throw unexpected(expecting: "'\(Character(Unicode.Scalar(byte)))'") }
        position += 1
    }

    /// Consumes `byte` if it is next.
    mutating func consume(_ byte: UInt8) -> Bool {
        guard peek() == byte else { return false }
        position += 1
        return true
    }

    func unexpected(expecting: String) -> JSONSyntaxError {
        guard position < bytes.count else { return fail("unexpected end of input, expected \(expecting)") }
        let byte = bytes[position]
        let shown = byte >= 0x20 && byte < 0x7F ? "'\(Character(Unicode.Scalar(byte)))'" : "byte 0x\(String(byte, radix: 16))"
        return fail("unexpected \(shown), expected \(expecting)")
    }

    /// Runs `body` over the text's bytes without copying raw text.
    func withBytes<R>(_ text: Text, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        switch text {
        case .raw(let range): body(UnsafeRawBufferPointer(rebasing: bytes[range]))
        case .decoded(let decoded): decoded.withUnsafeBytes(body)
        }
    }

    /// The text as a Swift string; nil when it is not valid UTF-8.
    func string(_ text: Text) -> String? {
        withBytes(text) { String(validating: $0, as: UTF8.self) }
    }

    // MARK: Values

    mutating func scanValue(depth: Int = 0) throws(JSONSyntaxError) -> Value {
        guard let byte = peek() else { throw unexpected(expecting: "a value") }
        switch byte {
        case UInt8(ascii: "\""): return .string(try scanString())
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try scanNumber())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "{"): try skipObject(depth: depth + 1); return .object
        case UInt8(ascii: "["): try skipArray(depth: depth + 1); return .array
        default: throw unexpected(expecting: "a value")
        }
    }

    private mutating func literal(_ word: StaticString) throws(JSONSyntaxError) {
        let count = word.utf8CodeUnitCount
        guard bytes.count - position >= count else { throw fail("invalid literal") }
        let start = word.utf8Start
        for i in 0..<count where bytes[position + i] != start[i] { throw fail("invalid literal") }
        position += count
    }

    private mutating func skipObject(depth: Int) throws(JSONSyntaxError) {
        guard depth <= Self.maxDepth else { throw fail("nested too deeply") }
        try expect(UInt8(ascii: "{"))
        if consume(UInt8(ascii: "}")) { return }
        repeat {
            guard peek() == UInt8(ascii: "\"") else { throw unexpected(expecting: "a field name") }
            _ = try scanString()
            try expect(UInt8(ascii: ":"))
            _ = try scanValue(depth: depth)
        } while consume(UInt8(ascii: ","))
        try expect(UInt8(ascii: "}"))
    }

    private mutating func skipArray(depth: Int) throws(JSONSyntaxError) {
        guard depth <= Self.maxDepth else { throw fail("nested too deeply") }
        try expect(UInt8(ascii: "["))
        if consume(UInt8(ascii: "]")) { return }
        repeat {
            _ = try scanValue(depth: depth)
        } while consume(UInt8(ascii: ","))
        try expect(UInt8(ascii: "]"))
    }

    // MARK: Strings

    mutating func scanString() throws(JSONSyntaxError) -> Text {
        try expect(UInt8(ascii: "\""))
        let start = position
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                position += 1
                return .raw(start..<(position - 1))
            }
            if byte == UInt8(ascii: "\\") { return .decoded(try scanEscapedString(from: start)) }
            guard byte >= 0x20 else { throw fail("control character in string") }
            position += 1
        }
        throw fail("unterminated string")
    }

    private mutating func scanEscapedString(from start: Int) throws(JSONSyntaxError) -> [UInt8] {
        var out = Array(bytes[start..<position])
        while position < bytes.count {
            let byte = bytes[position]
            position += 1
            switch byte {
            case UInt8(ascii: "\""):
                return out
            case UInt8(ascii: "\\"):
                guard position < bytes.count else { throw fail("unterminated string") }
                let escape = bytes[position]
                position += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escape)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"): try appendUnicodeEscape(to: &out)
                default: position -= 1; throw fail("invalid escape")
                }
            case 0..<0x20:
                position -= 1
                throw fail("control character in string")
            default:
                out.append(byte)
            }
        }
        throw fail("unterminated string")
    }

    private mutating func appendUnicodeEscape(to out: inout [UInt8]) throws(JSONSyntaxError) {
        var scalar = try hex4()
        if (0xD800..<0xDC00).contains(scalar) {
            guard bytes.count - position >= 6, bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u")
            else { throw fail("unpaired surrogate") }
            position += 2
            let low = try hex4()
            guard (0xDC00..<0xE000).contains(low) else { throw fail("unpaired surrogate") }
            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
        } else if (0xDC00..<0xE000).contains(scalar) {
            throw fail("unpaired surrogate")
        }
        guard let unicode = Unicode.Scalar(scalar) else { throw fail("invalid \\u escape") }
        out.append(contentsOf: UTF8.encode(unicode)!)
    }

    private mutating func hex4() throws(JSONSyntaxError) -> UInt32 {
        guard bytes.count - position >= 4 else { throw fail("invalid \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[position]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw fail("invalid \\u escape")
            }
            value = value << 4 | UInt32(digit)
            position += 1
        }
        return value
    }

    // MARK: Numbers

    private static let exactPowersOfTen: [Double] = (0...22).map { power in
        var value = 1.0
        for _ in 0..<power { value *= 10 }
        return value
    }

    /// Reads a JSON number. Up to 15 significant digits and 22 fraction digits are converted
    /// exactly (mantissa ÷ 10ⁿ, both exact doubles, rounds once); anything longer or with an
    /// exponent goes through the standard library's parser.
    mutating func scanNumber() throws(JSONSyntaxError) -> Double {
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
