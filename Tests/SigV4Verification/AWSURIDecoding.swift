/// Percent-decoding of received request targets, for recomputing a signature the way AWS does.
public enum AWSURIDecoding {
    /// Splits a raw query string (no `?`) on `&` and `=` and percent-decodes each name and value.
    ///
    /// `+` stays `+` (RFC 3986, not HTML forms); bytes that are not UTF-8 become U+FFFD.
    public static func query(_ rawQuery: String) -> [(name: String, value: String)] {
        queryBytes(rawQuery).map {
            (String(decoding: $0.name, as: UTF8.self), String(decoding: $0.value, as: UTF8.self))
        }
    }

    /// Percent-decodes `%XX` escapes; a malformed escape is kept literally, as servers tend to.
    public static func decode(_ string: String) -> [UInt8] {
        let bytes = Array(string.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "%"), index + 2 < bytes.count,
               let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2]) {
                out.append(high << 4 | low)
                index += 3
            } else {
                out.append(bytes[index])
                index += 1
            }
        }
        return out
    }

    /// Decoded name/value bytes; kept as bytes so a non-UTF-8 escape re-encodes to what was sent.
    public static func queryBytes(_ rawQuery: String) -> [(name: [UInt8], value: [UInt8])] {
        rawQuery.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            if let equals = pair.firstIndex(of: "=") {
                return (decode(String(pair[..<equals])), decode(String(pair[pair.index(after: equals)...])))
            }
            return (decode(String(pair)), [])
        }
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        default: nil
        }
    }
}
