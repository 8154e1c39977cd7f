import CivilTime

extension RefreshRun {
    /// This run as it ends after applying `diff` with `reports`: its outcome from the region
    /// reports, its counts from the diff, and the change-log index it reached (nil when it
    /// changed nothing). Both store engines record exactly this.
    public func finished(applying diff: RegistryDiff, reports: [RegionReport], index: Int64) -> RefreshRun {
        var run = self
        run.finishedAt = Timestamp.now()
        run.regions = reports
        run.outcome = Outcome(regionReports: reports)
        run.error = Self.regionFailureSummary(reports)
        run.added = diff.count(of: .added)
        run.changed = diff.count(of: .changed)
        run.removed = diff.count(of: .removed)
        run.index = diff.isEmpty ? nil : index
        return run
    }

    /// This run as it ends having applied nothing, because of `error`.
    public func failed(_ error: String) -> RefreshRun {
        var run = self
        run.finishedAt = Timestamp.now()
        run.outcome = .failed
        run.error = error
        return run
    }
}
