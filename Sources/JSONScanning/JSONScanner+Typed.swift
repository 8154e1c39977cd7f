/// Typed reads for decoders written against a known shape: each throws `JSONSyntaxError` when
/// the next value is not of the asked type, so a caller can fall back to a thorough decoder that
/// says precisely what is wrong.
extension JSONScanner {
    /// Reads an object, calling `field` with each key; `field` must consume the value.
    public mutating func object(_ field: (inout JSONScanner, String) throws(JSONSyntaxError) -> Void) throws(JSONSyntaxError) {
        try expect(UInt8(ascii: "{"))
        if consume(UInt8(ascii: "}")) { return }
        repeat {
            guard peek() == UInt8(ascii: "\"") else { throw unexpected(expecting: "a field name") }
            let key = try text()
            try expect(UInt8(ascii: ":"))
            try field(&self, key)
        } while consume(UInt8(ascii: ","))
        try expect(UInt8(ascii: "}"))
    }

    /// Reads an array, calling `element` for each; `element` must consume the value.
    public mutating func array(_ element: (inout JSONScanner) throws(JSONSyntaxError) -> Void) throws(JSONSyntaxError) {
        try expect(UInt8(ascii: "["))
        if consume(UInt8(ascii: "]")) { return }
        repeat {
            try element(&self)
        } while consume(UInt8(ascii: ","))
        try expect(UInt8(ascii: "]"))
    }

    /// An array of `element`s.
    public mutating func list<T>(_ element: (inout JSONScanner) throws(JSONSyntaxError) -> T) throws(JSONSyntaxError) -> [T] {
        var values: [T] = []
        try array { (scanner: inout JSONScanner) throws(JSONSyntaxError) in values.append(try element(&scanner)) }
        return values
    }

    public mutating func text() throws(JSONSyntaxError) -> String {
        guard peek() == UInt8(ascii: "\"") else { throw unexpected(expecting: "a string") }
        let scanned = try scanString()
        guard let value = string(scanned) else { throw fail("a string that is not UTF-8") }
        return value
    }

    /// A string or `null`.
    public mutating func optionalText() throws(JSONSyntaxError) -> String? {
        try skipNull() ? nil : text()
    }

    public mutating func texts() throws(JSONSyntaxError) -> [String] {
        try list { (scanner: inout JSONScanner) throws(JSONSyntaxError) in try scanner.text() }
    }

    /// A list of strings or `null`.
    public mutating func optionalTexts() throws(JSONSyntaxError) -> [String]? {
        try skipNull() ? nil : texts()
    }

    /// A boolean or `null`.
    public mutating func optionalBool() throws(JSONSyntaxError) -> Bool? {
        switch try scanValue() {
        case .bool(let value): return value
        case .null: return nil
        default: throw fail("expected a boolean")
        }
    }

    /// A whole number (no fraction, no exponent beyond what a Double holds exactly).
    public mutating func integer() throws(JSONSyntaxError) -> Int {
        guard case .number(let value) = try scanValue(), value.rounded() == value, abs(value) < 1e15 else {
            throw fail("expected a whole number")
        }
        return Int(value)
    }

    /// Skips a value of any type.
    public mutating func skip() throws(JSONSyntaxError) {
        _ = try scanValue()
    }

    private mutating func skipNull() throws(JSONSyntaxError) -> Bool {
        guard peek() == UInt8(ascii: "n") else { return false }
        _ = try scanValue()
        return true
    }
}
