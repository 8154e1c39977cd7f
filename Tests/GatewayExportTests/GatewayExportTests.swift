import GatewayExport
import RegionRegistry
import Testing

/// The exporters' rules, on hand-made routes: names, groups, fallbacks, what is left out, and
/// bytes that do not depend on the order routes arrive in.
@Suite struct GatewayExportTests {
    static let sonnet = "anthropic.claude-sonnet-4-5-20250929-v1:0"

    static func route(_ profile: String, _ source: String, model: String = sonnet, exclusions: [String] = [], order: Int = 1) -> GatewayRoute {
        GatewayRoute(profileId: profile, modelId: model, sourceRegion: source, geo: String(profile.prefix { $0 != "." }),
                     exclusions: exclusions, order: order)
    }

    @Test func aliasesAreReadableAndCollisionsKeepTheVersion() {
        #expect(ModelNames.alias(of: Self.sonnet) == "claude-sonnet-4-5")
        #expect(ModelNames.alias(of: "anthropic.claude-3-haiku-20240307-v1:0") == "claude-3-haiku")
        #expect(ModelNames.alias(of: "amazon.nova-pro-v1:0") == "nova-pro")
        #expect(ModelNames.alias(of: "meta.llama3-1-70b-instruct-v1:0") == "llama3-1-70b-instruct")
        let names = ModelNames().names(for: ["anthropic.claude-v2:1", "anthropic.claude-v2", "amazon.nova-pro-v1:0"])
        #expect(names == ["anthropic.claude-v2:1": "claude-v2:1", "anthropic.claude-v2": "claude-v2", "amazon.nova-pro-v1:0": "nova-pro"])
        let chosen = ModelNames(overrides: ["amazon.nova-pro-v1:0": "claude-sonnet-4-5"]).names(for: [Self.sonnet, "amazon.nova-pro-v1:0"])
        #expect(chosen == ["amazon.nova-pro-v1:0": "claude-sonnet-4-5", Self.sonnet: "claude-sonnet-4-5-20250929-v1:0"],
                "an operator's name wins; the alias it takes falls back to the id")
    }

    @Test func groupsFallbacksAndExclusions() throws {
        let routes = [
            Self.route("global.\(Self.sonnet)", "us-east-1"), Self.route("us.\(Self.sonnet)", "us-west-2", order: 2),
            Self.route("us.\(Self.sonnet)", "us-east-1"),
            Self.route("us.amazon.nova-pro-v1:0", "us-east-1", model: "amazon.nova-pro-v1:0"),
            Self.route("global.amazon.nova-pro-v1:0", "us-east-1", model: "amazon.nova-pro-v1:0", exclusions: ["incomplete: access unknown in us-east-1"]),
        ]
        let document = LiteLLMExport.document(routes, names: [:], withExcluded: true)
        guard case .object(let fields) = document, case .array(let list) = fields["model_list"], case .array(let excluded) = fields["excluded"]
        else { Issue.record("not an object: \(document)"); return }
        let groups = list.map { item -> String in
            guard case .object(let deployment) = item, case .string(let name) = deployment["model_name"] else { return "" }
            return name
        }
        #expect(groups == ["claude-sonnet-4-5", "claude-sonnet-4-5", "claude-sonnet-4-5-global", "nova-pro"], "order 1 first within a group")
        #expect(fields["router_settings"] == .object(["fallbacks": .array([.object(["claude-sonnet-4-5": .array([.string("claude-sonnet-4-5-global")])])])]),
                "nova-pro has no global deployment, so no fallback")
        #expect(excluded.count == 1)
        let shuffled = LiteLLMExport.yaml(routes.reversed(), names: [:])
        #expect(shuffled == LiteLLMExport.yaml(routes, names: [:]), "bytes do not depend on the order routes arrive in")
        #expect(shuffled.contains("#   global.amazon.nova-pro-v1:0 from us-east-1: incomplete: access unknown in us-east-1\n"))
    }

    @Test func credentialsAreReferencesNeverValues() {
        let yaml = LiteLLMExport.yaml([Self.route("us.\(Self.sonnet)", "us-east-1")], names: [:], credentials: .env)
        #expect(yaml.contains(#"aws_access_key_id: "os.environ/AWS_ACCESS_KEY_ID""#))
        #expect(yaml.contains(#"aws_secret_access_key: "os.environ/AWS_SECRET_ACCESS_KEY""#))
        #expect(!LiteLLMExport.yaml([Self.route("us.\(Self.sonnet)", "us-east-1")], names: [:]).contains("aws_access_key_id"))
    }

    @Test func yamlQuotesEveryStringAndNestsListsOfObjects() {
        let value = JSONValue.object(["list": .array([.object(["b": .string("yes"), "a": .int(1)]), .string("null")]),
                                      "on": .bool(true), "empty": .array([]), "text": .string("line\n\"two\"")])
        #expect(YAMLText.render(value, comments: ["head"]) == """
            # head
            empty: []
            list:
              - a: 1
                b: "yes"
              - "null"
            "on": true
            text: "line\\n\\"two\\""

            """)
    }

    @Test func freeTextCannotBreakOutOfACommentOrAScalar() {
        let yaml = YAMLText.render(.object(["note": .string("a\u{85}b\u{2028}c\u{7F}")]), comments: ["denied: Sid x\nlitellm_settings: {}\r\u{2028}"])
        #expect(yaml == "# denied: Sid x litellm_settings: {}  \n" + #"note: "a\u0085b\u2028c\u007f""# + "\n", "\(yaml)")
    }

    @Test func trueFoundryHasOneIntegrationPerProfilePreferringTheAccountRegion() {
        let routes = [Self.route("us.\(Self.sonnet)", "us-west-2"), Self.route("us.\(Self.sonnet)", "us-east-1", order: 2),
                      Self.route("eu.\(Self.sonnet)", "eu-west-1")]
        let document = TrueFoundryExport.document(routes, account: .init(region: "us-east-1", auth: .role("arn:aws:iam::123456789012:role/tfy")),
                                                  withExcluded: false)
        guard case .object(let fields) = document, case .array(let integrations) = fields["integrations"] else { Issue.record("\(document)"); return }
        #expect(integrations == [
            .object(["type": .string("integration/model/bedrock"), "name": .string("eu-anthropic-claude-sonnet-4-5-20250929-v1-0"),
                     "model_id": .string("eu.\(Self.sonnet)"), "region": .string("eu-west-1"), "model_types": .array([.string("chat")])]),
            .object(["type": .string("integration/model/bedrock"), "name": .string("us-anthropic-claude-sonnet-4-5-20250929-v1-0"),
                     "model_id": .string("us.\(Self.sonnet)"), "region": .string("us-east-1"), "model_types": .array([.string("chat")])]),
        ])
        #expect(fields["auth_data"] == .object(["type": .string("assumed-role-based"), "assumed_role_arn": .string("arn:aws:iam::123456789012:role/tfy")]))
    }
}
