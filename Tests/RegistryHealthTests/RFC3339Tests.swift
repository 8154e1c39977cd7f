import Foundation
import Testing
@testable import RegistryHealth

@Suite struct RFC3339Tests {
    let noon = HealthFixture.noon.timeIntervalSince1970

    @Test(arguments: [
        ("2026-05-01T12:00:00Z", 0.0),
        ("2026-05-01t12:00:00z", 0.0),
        ("2026-05-01T12:00:00.5Z", 0.5),
        ("2026-05-01T12:00:00.123456789Z", 0.123456789),
        ("2026-05-01T14:30:00+02:30", 0.0),
        ("2026-05-01T07:00:00.250-05:00", 0.25),
        ("2026-05-02T00:00:00+12:00", 0.0),
    ])
    func parsesOffsetsAndFractions(text: String, fraction: Double) throws {
        let date = try #require(RFC3339.parse(text))
        #expect(abs(date.timeIntervalSince1970 - (noon + fraction)) < 1e-6)
    }

    @Test(arguments: [
        "2026-05-01", "2026-05-01T12:00:00", "2026-05-01 12:00:00Z", "2026-05-01T12:00:00.Z",
        "2026-05-01T12:00:00.1234567890Z", "2026-13-01T12:00:00Z", "2026-02-29T12:00:00Z",
        "2026-04-31T12:00:00Z", "2026-05-01T24:00:00Z", "2026-05-01T12:00:00+2:00",
        "2026-05-01T12:00:00+02:00x", "2026-05-01T12:00:00GMT", "２026-05-01T12:00:00Z",
    ])
    func rejectsMalformed(text: String) {
        #expect(RFC3339.parse(text) == nil)
    }

    @Test func agreesWithFoundationAcrossYears() throws {
        let style = Date.ISO8601FormatStyle(timeZone: .gmt)
        for seconds in stride(from: -2_000_000_000.0, through: 4_000_000_000, by: 86_413 * 97) {
            let date = Date(timeIntervalSince1970: seconds)
            #expect(RFC3339.parse(style.format(date)) == date)
        }
        #expect(RFC3339.parse("2024-02-29T00:00:00Z") != nil)
        #expect(RFC3339.parse("2000-02-29T00:00:00Z") != nil)
        #expect(RFC3339.parse("1900-02-29T00:00:00Z") == nil)
    }
}
