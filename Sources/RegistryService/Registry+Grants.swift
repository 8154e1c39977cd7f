import CivilTime
import RegionRegistry
import RegistryStore

extension Registry {
    /// Sets an operator's grant (it wins over what AWS reports); the same facts again change nothing.
    /// - Throws: `RegistryError.unknownRegion` / `.unknownModel` when the registry does not know them.
    public func setManualGrant(modelId: String, region: String, status: AccessGrant.Status, note: String?) async throws -> AccessGrant {
        try fleet.requireDatabase()
        return try await writes.run {
            let base = view
            let write = try await RegistryError.mapping {
                try await store.setManualGrant(modelId: modelId, region: region, status: status, note: note)
            }
            try await follow(write, over: base, with: .upsertGrant(write.value))
            return write.value
        }
    }

    /// Removes an operator's grant; what AWS reports (if anything) decides again.
    /// - Throws: `RegistryError.noManualGrant` when there is none.
    public func removeManualGrant(modelId: String, region: String) async throws {
        try fleet.requireDatabase()
        try await writes.run {
            let base = view
            let write = try await RegistryError.mapping { try await store.removeManualGrant(modelId: modelId, region: region) }
            try await follow(write, over: base, with: .removeGrant(write.value))
        }
    }

    /// The read model after a logged write: followed in memory when it was current before the
    /// write, else read from the store (another writer was there in between).
    func follow<Value>(_ write: LoggedWrite<Value>, over base: RegistryView, with mutation: RegistryDiff.Mutation?) async throws {
        guard write.logged else { return }
        guard write.indexBefore == base.index else { return _ = try await reload() }
        publish(mutation.map { [$0] } ?? [], at: Timestamp.now(), index: write.indexAfter, over: base)
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
            case .unavailable(let reason): throw RegistryError.storeUnavailable(reason)
            default: throw error
            }
        }
    }
}
