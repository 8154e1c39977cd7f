import AWSCore
import Foundation
import Testing

@Suite("SigV4Timestamp")
struct SigV4TimestampTests {
    @Test func formatsUTCAndDropsFractions() {
        #expect(SigV4Timestamp.string(from: Date(timeIntervalSince1970: 1_440_938_160.9)) == "20150830T123600Z")
        #expect(SigV4Timestamp.string(from: Date(timeIntervalSince1970: 0)) == "19700101T000000Z")
        #expect(SigV4Timestamp.string(from: Date(timeIntervalSince1970: 1_709_164_799)) == "20240228T235959Z")
        #expect(SigV4Timestamp.string(from: Date(timeIntervalSince1970: 1_709_164_800)) == "20240229T000000Z")
    }

    @Test func parsesWhatItFormats() {
        #expect(SigV4Timestamp.date(from: "20150830T123600Z") == Date(timeIntervalSince1970: 1_440_938_160))
        #expect(SigV4Timestamp.date(from: "20240229T000000Z") == Date(timeIntervalSince1970: 1_709_164_800))
    }

    @Test(arguments: ["20230229T000000Z", "20150830T123600", "2015-08-30T12:36:00Z", "20151330T000000Z",
                      "20150830T246000Z", "2015083OT123600Z", ""])
    func rejectsMalformedOrImpossibleDates(_ text: String) {
        #expect(SigV4Timestamp.date(from: text) == nil)
    }
}
