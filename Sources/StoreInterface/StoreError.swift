/// What a store refuses, in the domain's words; the service maps these, HTTP never sees the engine.
public enum StoreError: Error, CustomStringConvertible, Equatable {
    case noDatabase(path: String)
    case unknownRegion(String)
    case unknownModel(String)
    case noManualGrant(region: String, modelId: String)
    /// A row holds a value this regiond does not know (written by a newer one, or by hand).
    case unreadableRow(table: String, key: String, column: String, value: String)
    /// Another writer moved the change log since the caller read it (see `apply(_:reports:run:basedOn:at:)`).
    case changedMeanwhile(expected: Int64, found: Int64)
    /// The database server cannot be reached or refused the work (a fleet's PostgreSQL restarting):
    /// nothing was written; try again later.
    case unavailable(String)

    public var description: String {
        switch self {
        case .noDatabase(let path): "no regiond database at \(path) (start `regiond serve` or run `regiond refresh --once` to create one)"
        case .unknownRegion(let code): "unknown region \(code)"
        case .unknownModel(let id): "unknown foundation model \(id)"
        case .noManualGrant(let region, let model): "no manual grant for \(model) in \(region)"
        case .unreadableRow(let table, let key, let column, let value):
            "the database row \(table) \(key) has \(column) = \"\(value)\", which this regiond does not know"
        case .changedMeanwhile(let expected, let found):
            "the change log moved from \(expected) to \(found) while a refresh was being prepared"
        case .unavailable(let reason): "the database is unavailable: \(reason)"
        }
    }
}
