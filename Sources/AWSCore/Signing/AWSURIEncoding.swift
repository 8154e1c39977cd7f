/// Percent-encoding exactly as SigV4 defines it, for building request targets and canonical forms.
///
/// Written over UTF-8 bytes on purpose: Foundation's URL encoders keep characters such as `:`,
/// `+` or `=` that SigV4 requires encoded, and what is sent must match what is signed.
public enum AWSURIEncoding {
    /// Encodes every UTF-8 byte except RFC 3986 unreserved ones (A-Z a-z 0-9 - _ . ~) as uppercase `%XX`.
    public static func encode(_ string: String) -> String {
        encode(bytes: string.utf8, keepingSlash: false)
    }

    /// The path to send for raw segments, each encoded once: `["a", "b-v1:0"]` → `/a/b-v1%3A0`.
    public static func path(segments: [String]) -> String {
        "/" + segments.map(encode).joined(separator: "/")
    }

    /// The query string to send (no `?`), encoded exactly as the canonical query encodes it; order kept.
    public static func queryString(_ query: [(name: String, value: String)]) -> String {
        query.map { "\(encode($0.name))=\(encode($0.value))" }.joined(separator: "&")
    }

    // MARK: - Byte-level helpers shared with the signer and the test verifier

    package static func encode(bytes: some Sequence<UInt8>, keepingSlash: Bool) -> String {
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
}
