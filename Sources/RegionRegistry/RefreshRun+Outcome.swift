extension RefreshRun.Outcome {
    /// A run whose every region failed is `failed` (nothing is applied); one where some failed is
    /// `partial` (the others are applied); a source that reads no regions separately succeeds. A
    /// region that is not enabled did not fail: its part is a fact about the account.
    public init(regionReports reports: [RegionReport]) {
        if reports.isEmpty || reports.allSatisfy(\.succeeded) {
            self = .succeeded
        } else {
            self = reports.contains(where: \.succeeded) ? .partial : .failed
        }
    }
}

extension RefreshRun {
    /// The run's `error` when regions failed: which, and that they kept their last known data.
    public static func regionFailureSummary(_ reports: [RegionReport]) -> String? {
        let failed = reports.filter { !$0.succeeded }
        guard !failed.isEmpty else { return nil }
        let shown = failed.prefix(5).map { "\($0.region) (\($0.part.rawValue)): \($0.error ?? "failed")" }
        let more = failed.count > 5 ? "; and \(failed.count - 5) more" : ""
        return "\(failed.count) region part(s) failed and kept their last known data: " + shown.joined(separator: "; ") + more
    }
}
