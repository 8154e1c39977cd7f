/// One page of the change log, as `GET /v1/changes` serves it.
public struct ChangePage: Sendable {
    public var changes: [LoggedChange]
    /// The `since` of the next request: the last change's index when `more`, else the log's index.
    public var index: Int64
    /// More changes wait beyond this page.
    public var more: Bool

    public init(changes: [LoggedChange], index: Int64, more: Bool) {
        self.changes = changes
        self.index = index
        self.more = more
    }
}
