import SigV4Verification
import AWSCore
import Testing

@Suite("AWSURIEncoding")
struct AWSURIEncodingTests {
    @Test func keepsOnlyUnreservedCharacters() {
        #expect(AWSURIEncoding.encode("AZaz09-_.~") == "AZaz09-_.~")
        #expect(AWSURIEncoding.encode("a b+c/d=e:f&g%h?i#j*") == "a%20b%2Bc%2Fd%3De%3Af%26g%25h%3Fi%23j%2A")
    }

    @Test func encodesUTF8BytesWithUppercaseHex() {
        #expect(AWSURIEncoding.encode("ሴ") == "%E1%88%B4")
        #expect(AWSURIEncoding.encode("é") == "%C3%A9")
    }

    @Test func encodePathKeepsSlashesOnly() {
        #expect(AWSURIEncoding.encode(bytes: "/a b/c%3Ad/".utf8, keepingSlash: true) == "/a%20b/c%253Ad/")
    }

    @Test func pathEncodesEachSegmentOnce() {
        #expect(AWSURIEncoding.path(segments: ["foundation-model-availability", "anthropic.claude-v2:1"])
            == "/foundation-model-availability/anthropic.claude-v2%3A1")
        #expect(AWSURIEncoding.path(segments: ["inference-profiles", "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.x"])
            == "/inference-profiles/arn%3Aaws%3Abedrock%3Aus-east-1%3A123456789012%3Ainference-profile%2Fus.x")
        #expect(AWSURIEncoding.path(segments: []) == "/")
    }

    @Test func queryStringEncodesNamesAndValuesKeepingOrder() {
        let query = [(name: "nextToken", value: "a/b+c=="), (name: "maxResults", value: "100"), (name: "empty", value: "")]
        #expect(AWSURIEncoding.queryString(query) == "nextToken=a%2Fb%2Bc%3D%3D&maxResults=100&empty=")
        #expect(AWSURIEncoding.queryString([]) == "")
    }

    @Test func decodeQuerySplitsOnAmpersandAndFirstEquals() {
        let pairs = AWSURIDecoding.query("a=1&flag&c=x=y&&t=%2F%2b%3D+")
        #expect(pairs.map(\.name) == ["a", "flag", "c", "t"])
        #expect(pairs.map(\.value) == ["1", "", "x=y", "/+=+"])
    }

    @Test func decodeKeepsMalformedEscapesLiterally() {
        #expect(AWSURIDecoding.decode("%G1%2") == Array("%G1%2".utf8))
        #expect(AWSURIDecoding.decode("%e1%88%B4") == [0xE1, 0x88, 0xB4])
    }

    @Test func encodingRoundTripsThroughDecode() {
        let raw = "eHwyfHk=+/=ሴ :"
        #expect(AWSURIDecoding.decode(AWSURIEncoding.encode(raw)) == Array(raw.utf8))
    }
}
