import RegionRegistry
import Testing

/// A model's lifecycle on a given day: the recorded status moves on with AWS's dates, and the live
/// API's word wins over both.
@Suite struct ModelLifecycleTests {
    static let sonnet = ModelLifecycle(status: .legacy, legacyAt: "2026-10-08", publicExtendedAccessAt: "2027-01-08",
                                       endOfLifeAt: "2027-04-08", recommendedReplacement: "anthropic.claude-sonnet-4-6")

    @Test func theStatusFollowsTheDates() {
        #expect(Self.sonnet.status(on: "2026-12-02") == .legacy)
        #expect(Self.sonnet.status(on: "2027-04-08") == .eol)
        let active = ModelLifecycle(status: .active, legacyAt: "2027-01-01", endOfLifeAt: "2027-06-01")
        #expect(active.status(on: "2026-12-31") == .active && active.status(on: "2027-01-01") == .legacy)
        #expect(ModelLifecycle(status: .active).status(on: "2099-01-01") == .active, "no dates: it stays as recorded")
    }

    @Test func daysToTheEndOfLifeCrossMonthsYearsAndLeapDays() {
        #expect(Self.sonnet.daysToEndOfLife(from: "2026-12-02") == 127)
        #expect(Self.sonnet.daysToEndOfLife(from: "2027-04-10") == -2)
        #expect(ModelLifecycle(status: .legacy, endOfLifeAt: "2028-03-01").daysToEndOfLife(from: "2028-02-28") == 2, "2028 is a leap year")
        #expect(ModelLifecycle(status: .active).daysToEndOfLife(from: "2026-12-02") == nil)
        #expect(ModelLifecycle.isDay("2026-12-02") && !ModelLifecycle.isDay("2026-13-02") && !ModelLifecycle.isDay("Dec 2, 2026"))
    }

    @Test func theLiveAPIsStatusWinsAndTheDatesStay() {
        let reported = FoundationModel(id: "m", lifecycleStatus: "ACTIVE", lifecycle: Self.sonnet)
        #expect(reported.lifecycle(on: "2026-12-02")?.status == .active)
        #expect(reported.lifecycle(on: "2026-12-02")?.endOfLifeAt == "2027-04-08")
        #expect(FoundationModel(id: "m", lifecycle: Self.sonnet).lifecycle(on: "2027-05-01")?.status == .eol)
        #expect(FoundationModel(id: "m", lifecycleStatus: "LEGACY").lifecycle(on: "2026-12-02") == ModelLifecycle(status: .legacy))
        #expect(FoundationModel(id: "m").lifecycle(on: "2026-12-02") == nil)
    }
}

extension ModelLifecycleTests {
    @Test func aLifecycleOnlyChangeIsALifecycleChangeAndAnythingMoreAModelChange() {
        let before = Fixture.snapshot()
        let state = Fixture.state(after: before)
        func diff(_ change: (inout FoundationModel) -> Void) -> [Change] {
            var model = Fixture.haikuModel
            change(&model)
            var snapshot = before
            snapshot.models = [model]
            return RegistryDiff(from: state, to: snapshot).changes
        }
        let legacy = diff { $0.lifecycle = Self.sonnet }
        #expect(legacy.map(\.kind) == [.lifecycle] && legacy.first?.key == Fixture.haikuModel.id)
        #expect(legacy.first?.after?["lifecycle"] == .object(Self.sonnet.summary))
        #expect(diff { $0.lifecycleStatus = "LEGACY" }.map(\.kind) == [.lifecycle])
        #expect(diff { $0.lifecycle = Self.sonnet; $0.name = "Claude 3 Haiku" }.map(\.kind) == [.model])
    }
}
