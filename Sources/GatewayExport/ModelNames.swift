/// The names a gateway's clients call models by: one readable alias per foundation model
/// (`anthropic.claude-sonnet-4-5-20250929-v1:0` → `claude-sonnet-4-5`), unless the operator's
/// mapping names it. Aliases that would collide keep the model id's version instead.
public struct ModelNames: Sendable, Hashable {
    /// Model id → the name the operator chose (`export.model_names`).
    public var overrides: [String: String]

    public init(overrides: [String: String] = [:]) {
        self.overrides = overrides
    }

    /// Names for every model in `models`: an override when given; otherwise the readable alias,
    /// or, when two models would share it, each one's id without the provider.
    public func names(for models: Set<String>) -> [String: String] {
        var byAlias: [String: [String]] = [:]
        for model in models where overrides[model] == nil {
            byAlias[Self.alias(of: model), default: []].append(model)
        }
        let taken = Set(overrides.filter { models.contains($0.key) }.values)
        var names: [String: String] = [:]
        for (alias, sharing) in byAlias {
            for model in sharing {
                names[model] = sharing.count == 1 && !taken.contains(alias) ? alias : Self.withoutProvider(model)
            }
        }
        for model in models { if let chosen = overrides[model] { names[model] = chosen } }
        return names
    }

    /// The model's name in `names`, or its alias when `names` does not have it.
    public static func name(of model: String, in names: [String: String]) -> String {
        names[model] ?? alias(of: model)
    }

    /// `anthropic.claude-3-haiku-20240307-v1:0` → `claude-3-haiku`; `amazon.nova-pro-v1:0` →
    /// `nova-pro`; `meta.llama3-1-70b-instruct-v1:0` → `llama3-1-70b-instruct`.
    public static func alias(of model: String) -> String {
        var parts = withoutProvider(model).split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        if let last = parts.last, last.first == "v", last.contains(":") || last.dropFirst().allSatisfy(\.isNumber) {
            parts.removeLast()
        }
        parts.removeAll { $0.count == 8 && $0.allSatisfy(\.isNumber) }
        let alias = parts.joined(separator: "-")
        return alias.isEmpty ? withoutProvider(model) : alias
    }

    static func withoutProvider(_ model: String) -> String {
        guard let dot = model.firstIndex(of: "."), model[model.index(after: dot)...].contains(where: \.isLetter) else { return model }
        return String(model[model.index(after: dot)...])
    }
}
