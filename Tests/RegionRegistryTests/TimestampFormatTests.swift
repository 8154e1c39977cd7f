import Foundation
import RegionRegistry
import Testing

/// The one time format of the store and the API, written out by hand (see `Timestamp.format`).
@Suite struct TimestampFormatTests {
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

    @Test func agreesWithFoundationOnWholeSecondsAndRoundTrips() throws {
        for seconds in stride(from: -2_000_000_000.0, through: 4_000_000_000, by: 86_400 * 97 + 3_601) {
            let date = Date(timeIntervalSince1970: seconds)
            #expect(Timestamp.format(date) == date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt)))
        }
        let text = "2026-11-26T03:14:15.926Z"
        #expect(Timestamp.format(try #require(Timestamp.parse(text))) == text)
    }
}
