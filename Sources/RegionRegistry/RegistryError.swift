/// What a request to change or read the registry can get wrong: the service layer turns store
/// errors into these, and the API maps each to one status.
public enum RegistryError: Error, CustomStringConvertible, Equatable {
    case unknownRegion(String)
    case unknownModel(String)
    case noManualGrant(region: String, modelId: String)
    /// As many change-log watchers are blocked as the daemon allows.
    case tooManyWatchers(limit: Int)
    /// The database did not take the write (a fleet's PostgreSQL restarting); nothing was written.
    case storeUnavailable(String)

    public var description: String {
        switch self {
        case .unknownRegion(let code): "unknown region \(code)"
        case .unknownModel(let id): "unknown foundation model \(id)"
        case .noManualGrant(let region, let model): "no manual grant for \(model) in \(region)"
        case .storeUnavailable(let reason): "the database is unavailable, nothing was written; retry shortly (\(reason))"
        case .tooManyWatchers(let limit): "\(limit) watchers are already waiting (http.max_watchers); retry later or poll without wait"
        }
    }
}
