import Configuration
import RegionRegistry
import Foundation
import RegistryTestSupport
import Testing
@testable import regiond

@Suite struct SettingsTests {
    let dir: TemporaryDirectory
    init() throws { dir = try TemporaryDirectory() }

    func settings(flags: [String: ConfigContent?] = [:], env: [String: String] = [:], file: String? = nil) async throws -> Settings {
        let reader = try await ConfigurationLoader.reader(flags: flags, configFile: file, environment: env)
        return try Settings(config: reader, environment: env)
    }

    @Test func defaults() async throws {
        let s = try await settings()
        #expect(s.db == "./regiond.sqlite3")
        #expect(s.host == "127.0.0.1" && s.port == 8750)
        #expect(s.refreshInterval == .seconds(900) && s.staleAfter == .seconds(2700))
        #expect(s.catalog == nil && s.tokenFile == nil)
        #expect(s.logLevel == .info && s.http == HTTPSettings())
    }

    @Test func systemdStateDirectoryIsTheDefaultHome() async throws {
        #expect(try await settings(env: ["STATE_DIRECTORY": "/var/lib/regiond"]).db == "/var/lib/regiond/regiond.sqlite3")
    }

    @Test func flagBeatsEnvironmentBeatsFile() async throws {
        let file = try dir.write("regiond.json", #"{"listen": "0.0.0.0:1111", "refresh": {"interval": 60}, "log": {"level": "debug"}, "db": "/file.db"}"#)
        let fromFile = try await settings(file: file)
        #expect(fromFile.port == 1111 && fromFile.refreshInterval == .seconds(60) && fromFile.logLevel == .debug && fromFile.db == "/file.db")

        let env = ["REGIOND_LISTEN": "127.0.0.1:2222", "REGIOND_REFRESH_INTERVAL": "120"]
        let fromEnv = try await settings(env: env, file: file)
        #expect(fromEnv.port == 2222 && fromEnv.refreshInterval == .seconds(120) && fromEnv.db == "/file.db")

        let fromFlag = try await settings(flags: ["listen": .string("[::1]:3333"), "refresh.interval": .int(30)], env: env, file: file)
        #expect(fromFlag.host == "::1" && fromFlag.port == 3333 && fromFlag.refreshInterval == .seconds(30))
    }

    @Test func configFileFromTheEnvironment() async throws {
        let file = try dir.write("c.json", #"{"token": {"file": "/etc/regiond/token"}}"#)
        #expect(try await settings(env: ["REGIOND_CONFIG": file]).tokenFile == "/etc/regiond/token")
    }

    @Test(arguments: [
        (["REGIOND_LISTEN": "localhost"], "listen"),
        (["REGIOND_LISTEN": "127.0.0.1:99999"], "listen"),
        (["REGIOND_REFRESH_INTERVAL": "soon"], "refresh.interval"),
        (["REGIOND_REFRESH_INTERVAL": "0"], "refresh.interval"),
        (["REGIOND_LOG_LEVEL": "loud"], "log.level"),
        (["REGIOND_HTTP_BODY_LIMIT": "10"], "http.body_limit"),
    ])
    func badValuesNameTheirKey(env: [String: String], key: String) async throws {
        let error = await #expect(throws: SettingsError.self) { try await settings(env: env) }
        #expect(error?.key == key)
    }

    @Test func missingOrBrokenConfigFileIsAnError() async throws {
        await #expect(throws: SettingsError.self) { try await settings(file: dir.file("absent.json")) }
        let broken = try dir.write("broken.json", "{ nope")
        await #expect(throws: SettingsError.self) { try await settings(file: broken) }
    }

    @Test func tokenFileIsTrimmedAndMustNotBeEmpty() async throws {
        let token = try dir.write("token", "  abc123\n")
        #expect(try await settings(env: ["REGIOND_TOKEN_FILE": token]).readToken() == "abc123")
        let empty = try dir.write("empty", "\n")
        await #expect(throws: SettingsError.self) { try await settings(env: ["REGIOND_TOKEN_FILE": empty]).readToken() }
    }

    @Test func theSampleConfigIsValidAndUsesTheDefaults() async throws {
        let sample = PackageFiles.root().appending(path: "deploy/regiond.json").path
        let s = try await settings(file: sample)
        #expect(s.source == .catalog && s.port == 8750 && s.refreshInterval == .seconds(900))
        #expect(s.aws.regions == ["us-east-1", "us-west-2"] && s.aws.maxAttempts == AWSSettings.defaultMaxAttempts)
        #expect(s.aws.concurrency == AWSSettings.defaultConcurrency && s.aws.timeout == .seconds(AWSSettings.defaultTimeout))
        #expect(s.http == HTTPSettings())
        #expect(s.guards.residency == .none && s.guards.lifecycleWarningDays == 90)
    }

    @Test func httpLimitsAreReadAndChecked() async throws {
        let s = try await settings(env: ["REGIOND_HTTP_READ_TIMEOUT": "5", "REGIOND_HTTP_MAX_WATCHERS": "10",
                                         "REGIOND_HTTP_SAMPLE_BODY_LIMIT": "65536"])
        #expect(s.http.readTimeout == .seconds(5) && s.http.maxWatchers == 10 && s.http.sampleBodyLimit == 65536)
        for (key, value) in [("REGIOND_HTTP_READ_TIMEOUT", "0"), ("REGIOND_HTTP_MAX_WATCHERS", "0"), ("REGIOND_HTTP_SAMPLE_BODY_LIMIT", "10")] {
            await #expect(throws: SettingsError.self, "\(key)=\(value)") { try await settings(env: [key: value]) }
        }
    }

    @Test func fleetSettingsAndThePostgresPasswordFileAreReadAndChecked() async throws {
        let s = try await settings(env: ["REGIOND_FLEET_TAKEOVER_SECONDS": "2", "REGIOND_FLEET_STALE_AFTER": "9",
                                         "REGIOND_DB": "postgres://regiond@db:5432/regiond", "REGIOND_DB_PASSWORD_FILE": "/run/pw"])
        #expect(s.fleet.takeover == .seconds(2) && s.fleet.staleAfter == .seconds(9))
        #expect(s.db == "postgres://regiond@db:5432/regiond" && s.dbPasswordFile == "/run/pw")
        let defaults = try await settings()
        #expect(defaults.fleet.takeover == .seconds(5) && defaults.fleet.staleAfter == .seconds(30) && defaults.dbPasswordFile == nil)
        for (key, value) in [("REGIOND_FLEET_TAKEOVER_SECONDS", "0"), ("REGIOND_FLEET_TAKEOVER_SECONDS", "301"), ("REGIOND_FLEET_STALE_AFTER", "0")] {
            await #expect(throws: SettingsError.self, "\(key)=\(value)") { try await settings(env: [key: value]) }
        }
    }

    @Test func awsSourceNeedsRegionsAndTakesThemFromFlagsEnvOrAWSRegion() async throws {
        await #expect(throws: SettingsError.self) { try await settings(flags: ["source": .string("aws")]) }
        let fromAWS = try await settings(flags: ["source": .string("aws")], env: ["AWS_REGION": "eu-west-1"])
        #expect(fromAWS.source == .aws && fromAWS.aws.regions == ["eu-west-1"])
        let fromEnv = try await settings(env: ["REGIOND_SOURCE": "aws", "REGIOND_AWS_REGIONS": "us-east-1, eu-central-1,us-east-1"])
        #expect(fromEnv.aws.regions == ["us-east-1", "eu-central-1"], "trimmed, de-duplicated, in the given order")
        let fromFlag = try await settings(flags: ["source": .string("aws"), "aws.regions": .stringArray(["ap-south-1"])],
                                          env: ["REGIOND_AWS_REGIONS": "us-east-1"])
        #expect(fromFlag.aws.regions == ["ap-south-1"])
        do {
            _ = try await settings(flags: ["source": .string("aws"), "aws.regions": .stringArray(["us-east-1", "Frankfurt"])])
            Issue.record("a bad region code was accepted")
        } catch let error as SettingsError {
            #expect(error.key == "aws.regions" && error.description.contains("Frankfurt"))
        }
        await #expect(throws: SettingsError.self) { try await settings(flags: ["source": .string("azure")]) }
        await #expect(throws: SettingsError.self) { try await settings(env: ["REGIOND_AWS_MAX_ATTEMPTS": "0"]) }
    }
}

extension SettingsTests {
    @Test func guardsComeFromFlagsEnvOrFileAndAreChecked() async throws {
        #expect(try await settings().guards.residency == .none)
        let file = try dir.write("guard.json", #"{"guard": {"geographies": ["Europe"], "regions": ["eu-west-1", "eu-central-1"]}}"#)
        let fromFile = try await settings(file: file).guards.residency
        #expect(fromFile == ResidencyGuard(regions: ["eu-west-1", "eu-central-1"], geographies: ["europe"]))
        let fromEnv = try await settings(env: ["REGIOND_GUARD_GEOGRAPHIES": "Europe, North America"]).guards.residency
        #expect(fromEnv.geographies == ["europe", "north america"] && fromEnv.regions == nil)
        await #expect(throws: SettingsError.self) { try await settings(flags: ["guard.regions": .stringArray(["Ireland"])]) }
        await #expect(throws: SettingsError.self) { try await settings(flags: ["guard.geographies": .stringArray([" "])]) }
    }

    @Test func exportModelNamesAreModelIdEqualsNameEntries() async throws {
        let file = try dir.write("names.json", #"{"export": {"model_names": ["anthropic.claude-sonnet-4-5-20250929-v1:0=sonnet"]}}"#)
        #expect(try await settings(file: file).guards.exportNames.overrides == ["anthropic.claude-sonnet-4-5-20250929-v1:0": "sonnet"])
        let fromEnv = try await settings(env: ["REGIOND_EXPORT_MODEL_NAMES": "amazon.nova-pro-v1:0=pro, amazon.nova-lite-v1:0=lite"])
        #expect(fromEnv.guards.exportNames.overrides == ["amazon.nova-pro-v1:0": "pro", "amazon.nova-lite-v1:0": "lite"])
        await #expect(throws: SettingsError.self) { try await settings(env: ["REGIOND_EXPORT_MODEL_NAMES": "amazon.nova-pro-v1:0"]) }
        await #expect(throws: SettingsError.self) { try await settings(env: ["REGIOND_EXPORT_MODEL_NAMES": "a=x,a=y"]) }
    }

    @Test func theCheckPrincipalMustBeAUserRoleOrGroup() async throws {
        let role = "arn:aws:iam::111122223333:role/gateway"
        #expect(try await settings(flags: ["aws.check_principal": .string(role)]).aws.checkPrincipal == role)
        let session = "arn:aws:sts::111122223333:assumed-role/gateway/i-1"
        let error = await #expect(throws: SettingsError.self) { try await settings(flags: ["aws.check_principal": .string(session)]) }
        #expect(error?.description.contains("aws.check_principal") == true)
    }
}
