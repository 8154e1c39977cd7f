/// Where and why a body stopped being JSON.
public struct JSONSyntaxError: Error {
    public var offset: Int
    public var message: String
}

/// A minimal pull scanner over UTF-8 JSON, for the hot paths (health sample batches, large
/// catalogs): it reads values in place (no intermediate tree, no `Any` boxing) and allocates only
/// for strings it returns.
public struct JSONScanner {
    /// A JSON string as found: a byte range of the body when it has no escapes, else its decoded bytes.
    public enum Text {
        case raw(Range<Int>)
        case decoded([UInt8])
    }

    /// A scalar value, or the kind of container that was skipped.
    public enum Value {
        case string(Text)
        case number(Double)
        case bool(Bool)
        case null
        case object
        case array
    }

    public static let maxDepth = 64

    public let bytes: UnsafeRawBufferPointer
    // Advanced only by the scanning methods (here and in the +Strings, +Numbers extensions).
    public internal(set) var position = 0

    public init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    public var atEnd: Bool { position >= bytes.count }

    public func fail(_ message: String) -> JSONSyntaxError {
        JSONSyntaxError(offset: position, message: message)
    }

    public mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x0A, 0x0D, 0x09: position += 1
            default: return
            }
        }
    }

    /// The next non-whitespace byte, not consumed.
    public mutating func peek() -> UInt8? {
        skipWhitespace()
        return position < bytes.count ? bytes[position] : nil
    }

    public mutating func expect(_ byte: UInt8) throws(JSONSyntaxError) {
        guard peek() == byte else { throw unexpected(expecting: "'\(Character(Unicode.Scalar(byte)))'") }
        position += 1
    }

    /// Consumes `byte` if it is next.
    public mutating func consume(_ byte: UInt8) -> Bool {
        guard peek() == byte else { return false }
        position += 1
        return true
    }

    public func unexpected(expecting: String) -> JSONSyntaxError {
        guard position < bytes.count else { return fail("unexpected end of input, expected \(expecting)") }
        let byte = bytes[position]
        let shown = byte >= 0x20 && byte < 0x7F ? "'\(Character(Unicode.Scalar(byte)))'" : "byte 0x\(String(byte, radix: 16))"
        return fail("unexpected \(shown), expected \(expecting)")
    }

    /// Runs `body` over the text's bytes without copying raw text.
    public func withBytes<R>(_ text: Text, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        switch text {
        case .raw(let range): body(UnsafeRawBufferPointer(rebasing: bytes[range]))
        case .decoded(let decoded): decoded.withUnsafeBytes(body)
        }
    }

    /// The text as a Swift string; nil when it is not valid UTF-8.
    public func string(_ text: Text) -> String? {
        withBytes(text) { String(validating: $0, as: UTF8.self) }
    }

    // MARK: Values

    public mutating func scanValue(depth: Int = 0) throws(JSONSyntaxError) -> Value {
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
}
