import Crypto

/// The canonical forms of SigV4 (non-S3 rules), shared by the signer and the verifier so both
/// canonicalise a request the same way.
package enum SigV4Canonical {
    package static let algorithm = "AWS4-HMAC-SHA256"

    /// Canonical URI: the path as sent, dot segments and empty segments removed (non-S3 services
    /// normalise), then URI-encoded again keeping `/` — so a sent `%3A` becomes `%253A`.
    package static func uri(pathAsSent: String) -> String {
        AWSURIEncoding.encode(bytes: normalizedPath(Array(pathAsSent.utf8)), keepingSlash: true)
    }

    /// RFC 3986 dot-segment removal plus collapsing `//`, on bytes (a `/` never hides in a grapheme).
    package static func normalizedPath(_ path: [UInt8]) -> [UInt8] {
        let slash = UInt8(ascii: "/")
        let rawSegments = path.split(separator: slash, omittingEmptySubsequences: true)
        var kept: [ArraySlice<UInt8>] = []
        for segment in rawSegments {
            if segment.elementsEqual([UInt8(ascii: ".")]) { continue }
            if segment.elementsEqual([UInt8(ascii: "."), UInt8(ascii: ".")]) { _ = kept.popLast(); continue }
            kept.append(segment)
        }
        var result: [UInt8] = [slash]
        result.append(contentsOf: kept.joined(separator: [slash]))
        // "/a/", "/a/." and "/a/b/.." all name a directory and keep their trailing slash.
        let endsAsDirectory = path.last == slash
            || rawSegments.last.map { $0.allSatisfy { $0 == UInt8(ascii: ".") } && $0.count <= 2 } == true
        if endsAsDirectory, result.count > 1 { result.append(slash) }
        return result
    }

    /// Canonical query from already-encoded pairs: sorted by name, then value, byte-wise; `name=` when empty.
    package static func query(encodedPairs: [(name: String, value: String)]) -> String {
        encodedPairs
            .sorted { lhs, rhs in
                lhs.name == rhs.name
                    ? lhs.value.utf8.lexicographicallyPrecedes(rhs.value.utf8)
                    : lhs.name.utf8.lexicographicallyPrecedes(rhs.name.utf8)
            }
            .map { "\($0.name)=\($0.value)" }
            .joined(separator: "&")
    }

    package static func query(rawPairs: [(name: String, value: String)]) -> String {
        query(encodedPairs: rawPairs.map { (AWSURIEncoding.encode($0.name), AWSURIEncoding.encode($0.value)) })
    }

    /// Canonical header block (`name:value\n` per header) and the `;`-joined signed header names.
    package struct Headers {
        package var block: String
        package var signedHeaders: String
    }

    /// Lowercases names, trims values and collapses whitespace runs, joins repeated names with `,`
    /// in the order given, and sorts by name.
    package static func headers(_ headers: [(name: String, value: String)]) -> Headers {
        var valuesByName: [String: [String]] = [:]
        for header in headers {
            valuesByName[header.name.lowercased(), default: []].append(headerValue(header.value))
        }
        let names = valuesByName.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        let block = names.map { "\($0):\(valuesByName[$0, default: []].joined(separator: ","))\n" }.joined()
        return Headers(block: block, signedHeaders: names.joined(separator: ";"))
    }

    package static func headerValue(_ value: String) -> String {
        value.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
            .joined(separator: " ")
    }

    package static func request(method: String, uri: String, query: String, headers: Headers, payloadHash: String) -> String {
        [method, uri, query, headers.block, headers.signedHeaders, payloadHash].joined(separator: "\n")
    }

    package static func credentialScope(amzDate: String, region: String, service: String) -> String {
        "\(amzDate.prefix(8))/\(region)/\(service)/aws4_request"
    }

    package static func stringToSign(amzDate: String, scope: String, canonicalRequest: String) -> String {
        [algorithm, amzDate, scope, sha256Hex(Array(canonicalRequest.utf8))].joined(separator: "\n")
    }

    /// Hex HMAC of the string to sign under `AWS4`+secret → date → region → service → `aws4_request`.
    package static func signature(secretAccessKey: String, amzDate: String, region: String, service: String,
                          stringToSign: String) -> String {
        var key = SymmetricKey(data: Array("AWS4\(secretAccessKey)".utf8))
        for step in [String(amzDate.prefix(8)), region, service, "aws4_request"] {
            key = SymmetricKey(data: Array(HMAC<SHA256>.authenticationCode(for: Array(step.utf8), using: key)))
        }
        return hex(HMAC<SHA256>.authenticationCode(for: Array(stringToSign.utf8), using: key))
    }

    package static func sha256Hex(_ bytes: [UInt8]) -> String {
        hex(SHA256.hash(data: bytes))
    }

    package static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
