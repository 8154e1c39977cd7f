/// What a write that may log changes did: its result, and the change-log index before and after
/// it (the same when it logged nothing). A caller whose read model was at `indexBefore` can follow
/// the write in memory; one that was not must read the store again.
public struct LoggedWrite<Value: Sendable>: Sendable {
    public var value: Value
    public var indexBefore: Int64
    public var indexAfter: Int64

    public var logged: Bool { indexAfter != indexBefore }

    package init(value: Value, indexBefore: Int64, indexAfter: Int64) {
        self.value = value
        self.indexBefore = indexBefore
        self.indexAfter = indexAfter
    }
}
