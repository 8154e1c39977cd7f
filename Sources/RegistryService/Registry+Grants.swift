import RegionRegistry
import RegistryStore

extension Registry {
    /// Sets an operator's grant (it wins over what AWS reports); the same facts again change nothing.
    /// - Throws: `RegistryError.unknownRegion` / `.unknownModel` when the registry does not know them.
    public func setManualGrant(modelId: String, region: String, status: AccessGrant.Status, note: String?) async throws -> AccessGrant {
        let grant = try await RegistryError.mapping {
            try await store.setManualGrant(modelId: modelId, region: region, status: status, note: note)
        }
        try await reload()
        return grant
    }

    /// Removes an operator's grant; what AWS reports (if anything) decides again.
    /// - Throws: `RegistryError.noManualGrant` when there is none.
    public func removeManualGrant(modelId: String, region: String) async throws {
        try await RegistryError.mapping { try await store.removeManualGrant(modelId: modelId, region: region) }
        try await reload()
    }
}

extension RegistryError {
    /// Runs a store call, turning the store's errors a client can cause into the domain's.
    static func mapping<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as StoreError {
            switch error {
            case .unknownRegion(let code): throw RegistryError.unknownRegion(code)
            case .unknownModel(let id): throw RegistryError.unknownModel(id)
            case .noManualGrant(let region, let model): throw RegistryError.noManualGrant(region: region, modelId: model)
            default: throw error
            }
        }
    }
}
