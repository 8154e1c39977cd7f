/// Percent-encoding exactly as SigV4 defines it, for building request targets and canonical forms.
///
/// Written over UTF-8 bytes on purpose: Foundation's URL encoders keep characters such as `:`,
/// `+` or `=` that SigV4 requires encoded, and what is sent must match what is signed.
public enum AWSURIEncoding {
    /// Encodes every UTF-8 byte except RFC 3986 unreserved ones (A-Z a-z 0-9 - _ . ~) as uppercase `%XX`.
    public static func encode(_ string: String) -> String {
        encode(bytes: string.utf8, keepingSlash: false)
    }

    /// Encodes a path, keeping `/`; used for the canonical URI (which encodes the sent path again).
    public static func encodePath(_ path: String) -> String {
        encode(bytes: path.utf8, keepingSlash: true)
    }

    /// The path to send for raw segments, each encoded once: `["a", "b-v1:0"]` → `/a/b-v1%3A0`.
    public static func path(segments: [String]) -> String {
        "/" + segments.map(encode).joined(separator: "/")
    }

    /// The query string to send (no `?`), encoded exactly as the canonical query encodes it; order kept.
    public static func queryString(_ query: [(name: String, value: String)]) -> String {
        query.map { "\(encode($0.name))=\(encode($0.value))" }.joined(separator: "&")
    }

    /// Splits a raw query string (no `?`) on `&` and `=` and percent-decodes each name and value.
    ///
    /// `+` stays `+` (RFC 3986, not HTML forms); bytes that are not UTF-8 become U+FFFD.
    public static func decodeQuery(_ rawQuery: String) -> [(name: String, value: String)] {
        decodeQueryBytes(rawQuery).map {
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

    // MARK: - Byte-level helpers shared with the signer and verifier

    static func encode(bytes: some Sequence<UInt8>, keepingSlash: Bool) -> String {
        var out: [UInt8] = []
        for byte in bytes {
            if isUnreserved(byte) || (keepingSlash && byte == UInt8(ascii: "/")) {
                out.append(byte)
            } else {
                out.append(UInt8(ascii: "%"))
                out.append(upperHexDigits[Int(byte >> 4)])
                out.append(upperHexDigits[Int(byte & 0x0F)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decoded name/value bytes; kept as bytes so a non-UTF-8 escape re-encodes to what was sent.
    static func decodeQueryBytes(_ rawQuery: String) -> [(name: [UInt8], value: [UInt8])] {
        rawQuery.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            if let equals = pair.firstIndex(of: "=") {
                return (decode(String(pair[..<equals])), decode(String(pair[pair.index(after: equals)...])))
            }
            return (decode(String(pair)), [])
        }
    }

    private static let upperHexDigits = Array("0123456789ABCDEF".utf8)

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
            true
        default:
            false
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
