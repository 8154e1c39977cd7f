import CivilTime
import Foundation
import Testing

/// The one RFC 3339 formatter and parser of the store, the API, catalogs, AWS answers and health samples.
@Suite struct TimestampTests {
    @Test(arguments: [
        (0.0, "1970-01-01T00:00:00.000Z"),
        (951_782_400, "2000-02-29T00:00:00.000Z"),
        (1_709_208_000.5, "2024-02-29T12:00:00.500Z"),
        (-86_400.25, "1969-12-30T23:59:59.750Z"),
        (1_800_000_000.9996, "2027-01-15T08:00:01.000Z"),
        (253_402_300_799.999, "9999-12-31T23:59:59.999Z"),
        (1_764_115_493.530, "2025-11-26T00:04:53.530Z"),
    ])
    func formatsUTCAtMillisecondPrecisionRounded(seconds: Double, expected: String) {
        #expect(Timestamp.format(Date(timeIntervalSince1970: seconds)) == expected)
    }

    @Test func agreesWithFoundationAcrossYearsBothWays() throws {
        let withFraction = Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt)
        let whole = Date.ISO8601FormatStyle(timeZone: .gmt)
        for seconds in stride(from: -2_000_000_000.0, through: 4_000_000_000, by: 86_413 * 97 + 3_601) {
            let date = Date(timeIntervalSince1970: seconds)
            #expect(Timestamp.format(date) == date.formatted(withFraction))
            #expect(Timestamp.parse(whole.format(date)) == date)
        }
        let text = "2026-11-26T03:14:15.926Z"
        #expect(Timestamp.format(try #require(Timestamp.parse(text))) == text)
    }

    static let noon = 1_777_636_800.0  // 2026-05-01T12:00:00Z

    @Test(arguments: [
        ("2026-05-01T12:00:00Z", 0.0),
        ("2026-05-01t12:00:00z", 0.0),
        ("2026-05-01 12:00:00Z", 0.0),
        ("2026-05-01T12:00:00.5Z", 0.5),
        ("2026-05-01T12:00:00.123456789Z", 0.123456789),
        ("2026-05-01T14:30:00+02:30", 0.0),
        ("2026-05-01T07:00:00.250-05:00", 0.25),
        ("2026-05-02T00:00:00+12:00", 0.0),
        ("2026-05-01T11:59:60Z", 0.0),
    ])
    func parsesSeparatorsOffsetsFractionsAndLeapSeconds(text: String, fraction: Double) throws {
        let date = try #require(Timestamp.parse(text))
        #expect(abs(date.timeIntervalSince1970 - (Self.noon + fraction)) < 1e-6)
    }

    @Test(arguments: [
        "2026-05-01", "2026-05-01T12:00:00", "2026-05-01_12:00:00Z", "2026-05-01T12:00:00.Z",
        "2026-05-01T12:00:00.1234567890Z", "2026-13-01T12:00:00Z", "2026-02-29T12:00:00Z", "1900-02-29T00:00:00Z",
        "2026-04-31T12:00:00Z", "2026-05-01T24:00:00Z", "2026-05-01T12:00:00+2:00", "2026-05-01T12:00:00+0200",
        "2026-05-01T12:00:00+02:00x", "2026-05-01T12:00:00GMT", "２026-05-01T12:00:00Z", "yesterday", "",
    ])
    func rejectsMalformedAndImpossibleTimes(text: String) {
        #expect(Timestamp.parse(text) == nil)
    }

    @Test(arguments: [
        ("2024-11-04T17:49:37.317261+00:00", "2024-11-04T17:49:37.317Z"),
        ("2024-09-30T00:00:00Z", "2024-09-30T00:00:00.000Z"),
        ("2024-09-30T02:00:00+02:00", "2024-09-30T00:00:00.000Z"),
        ("2025-06-10T16:03:19.53Z", "2025-06-10T16:03:19.530Z"),
        ("2024-02-29 23:59:59.9996+00:00", "2024-03-01T00:00:00.000Z"),
    ])
    func normalisesToUTCMilliseconds(input: String, expected: String) {
        #expect(Timestamp.normalize(input) == expected)
    }
}

/// SigV4's `X-Amz-Date`: the same calendar arithmetic in ISO 8601's basic form.
@Suite struct BasicFormatTests {
    @Test func formatsUTCAndDropsFractions() {
        #expect(UTCDateTime(Date(timeIntervalSince1970: 1_440_938_160.9)).iso8601Basic == "20150830T123600Z")
        #expect(UTCDateTime(Date(timeIntervalSince1970: 0)).iso8601Basic == "19700101T000000Z")
        #expect(UTCDateTime(Date(timeIntervalSince1970: 1_709_164_799)).iso8601Basic == "20240228T235959Z")
        #expect(UTCDateTime(Date(timeIntervalSince1970: 1_709_164_800)).iso8601Basic == "20240229T000000Z")
    }

    @Test func parsesWhatItFormats() {
        #expect(UTCDateTime(iso8601Basic: "20150830T123600Z")?.date == Date(timeIntervalSince1970: 1_440_938_160))
        #expect(UTCDateTime(iso8601Basic: "20240229T000000Z")?.date == Date(timeIntervalSince1970: 1_709_164_800))
    }

    @Test(arguments: ["20230229T000000Z", "20150830T123600", "2015-08-30T12:36:00Z", "20151330T000000Z",
                      "20150830T246000Z", "20150830T235960Z", "2015083OT123600Z", "20150830T123600Zz", ""])
    func rejectsMalformedOrImpossibleDates(_ text: String) {
        #expect(UTCDateTime(iso8601Basic: text) == nil)
    }
}
