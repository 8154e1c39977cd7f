import Foundation
import Testing
@testable import RegionRegistry

@Suite struct AccessTests {
    func view(_ grants: [AccessGrant]) -> RegistryView {
        RegistryView(state: Fixture.state(after: Fixture.snapshot(), grants: grants), index: 5)
    }

    @Test func sourceRegionAccessAloneIsNotComplete() {
        // The failure regiond exists to catch: granted where requests are made, not where they run.
        let access = view([Fixture.grant("us-east-2", .granted)]).access(for: Fixture.haiku, from: "us-east-2")!
        #expect(!access.complete)
        #expect(access.missing == ["us-east-1", "us-west-2"])
        #expect(access.destinations.map(\.status) == [.unknown, .granted, .unknown])
    }

    @Test func completeOnlyWhenEveryDestinationIsGranted() {
        let grants = ["us-east-1", "us-west-2"].map { Fixture.grant($0, .granted) }
        let view = view(grants)
        #expect(view.access(for: Fixture.haiku, from: "us-west-2")?.complete == true)
        #expect(view.access(for: Fixture.haiku, from: "us-east-2")?.complete == false)
        #expect(view.audit().map(\.sourceRegion) == ["us-east-2"])
    }

    @Test func manualGrantWinsOverAws() {
        let view = view([Fixture.grant("us-east-1", .granted), Fixture.grant("us-east-1", .denied, origin: .manual)])
        let destination = view.access(for: Fixture.haiku, from: "us-west-2")!.destinations[0]
        #expect(destination.status == .denied)
        #expect(destination.grant?.origin == .manual)
    }

    @Test func unknownSourceRegionHasNoRoute() {
        #expect(view([]).access(for: Fixture.haiku, from: "eu-west-1") == nil)
    }

    @Test func indexIsNeverZero() {
        #expect(RegistryView(state: .empty, index: 0).index == 1)
    }

    @Test func profileLookupAcceptsIdAndArn() {
        let view = view([])
        let arn = "arn:aws:bedrock:us-east-2:123456789012:inference-profile/us.anthropic.claude-3-haiku-20240307-v1:0"
        #expect(view.profile(idOrARN: Fixture.haiku.id)?.value.id == Fixture.haiku.id)
        #expect(view.profile(idOrARN: arn)?.value.id == Fixture.haiku.id)
        #expect(view.profile(idOrARN: "arn:aws:bedrock:us-east-2:1:foundation-model/x") == nil)
    }

    @Test func filtersSelectByRouteAndDestination() {
        let view = view([])
        #expect(view.profiles(matching: ProfileFilter(sourceRegion: "us-west-2")).count == 1)
        #expect(view.profiles(matching: ProfileFilter(sourceRegion: "us-east-1")).isEmpty)
        #expect(view.profiles(matching: ProfileFilter(destinationRegion: "us-east-2")).count == 1)
        #expect(view.profiles(matching: ProfileFilter(geo: "eu")).isEmpty)
        #expect(view.profiles(matching: ProfileFilter(type: .application)).isEmpty)
    }
}

@Suite struct JSONSerializationTests {
    @Test func writesValidSortedJSONThatRoundTrips() throws {
        let value = JSONValue.object([
            "z": .array([.int(-3), .number(1.5), .bool(true), .null]),
            "a": .string("quote \" backslash \\ newline \n tab \t bell \u{07} slash / é 🚀"),
            "m": .object(["y": .int(Int64.max), "b": .array([])]),
        ])
        let text = String(decoding: value.jsonBytes, as: UTF8.self)
        #expect(text.hasPrefix(#"{"a":"quote \" backslash \\ newline \n tab \t bell \u0007 slash / é 🚀","m":{"b":[],"y":9223372036854775807}"#))
        let decoded = try JSONDecoder().decode(JSONValue.self, from: Data(value.jsonBytes))
        #expect(decoded == value)
    }
}
