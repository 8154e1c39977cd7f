import Foundation
import Testing
@testable import AWSCore

@Suite("credential_process")
struct CredentialProcessTests {
    /// Writes a shell script and returns the command that runs it. The script is handed to
    /// /bin/sh rather than executed: a file just written can't be executed while a process
    /// another test spawns meanwhile still holds it open for writing (ETXTBSY).
    private static func script(_ directory: CredentialTestDirectory, _ name: String, _ body: String) throws -> String {
        "/bin/sh " + (try directory.write(name, body + "\n"))
    }

    private static let document = """
        {"Version": 1, "AccessKeyId": "\(CredentialTestSecrets.accessKeyID)", "SecretAccessKey": "\(CredentialTestSecrets.secret)", \
        "SessionToken": "\(CredentialTestSecrets.token)", "Expiration": "2026-12-01T10:00:00Z"}
        """

    /// The profile `tool` running `command`; PATH holds the test directory.
    private static func credentials(_ home: CredentialTestDirectory, command: String,
                                    timeout: Duration = .seconds(20)) async throws -> AWSCredentials {
        try home.write(".aws/config", "[profile tool]\ncredential_process = \(command)\n")
        return try await SharedFileCredentials(profile: "tool", environment: ["PATH": home.path + ":/usr/bin:/bin"],
                                               homeDirectory: home.path, processTimeout: timeout).credentials()
    }

    @Test func printsCredentialsWithArgumentsSplitLikeAShell() async throws {
        try await withCredentialTestDirectory { home in
            let script = try home.write("get-creds", """
                [ "$1" = "two words" ] && [ "$2" = "it's" ] && [ "$3" = 'a"b' ] || exit 9
                echo 'noise on stderr' >&2
                printf '%s' '\(Self.document)'
                """)
            // A bare name is looked up on PATH: a link to the shell, named as a helper would be.
            try FileManager.default.createSymbolicLink(atPath: home.path + "/helper-sh", withDestinationPath: "/bin/sh")
            let credentials = try await Self.credentials(home, command: #"helper-sh \#(script) "two words" it\'s 'a"b'"#)
            #expect(credentials == AWSCredentials(
                accessKeyID: CredentialTestSecrets.accessKeyID, secretAccessKey: CredentialTestSecrets.secret,
                sessionToken: CredentialTestSecrets.token, expiration: try Date("2026-12-01T10:00:00Z", strategy: .iso8601),
                source: "process:tool"))
        }
    }

    @Test func nonZeroExitSaysSoWithoutStderr() async throws {
        try await withCredentialTestDirectory { home in
            let command = try Self.script(home, "fails", "echo '\(CredentialTestSecrets.secret)' >&2\nexit 3")
            let error = await #expect(throws: AWSCredentialError.self) { try await Self.credentials(home, command: command) }
            #expect(error?.kind == .retrievalFailed)
            #expect(error?.message == "credential_process of profile 'tool' (/bin/sh) exited with status 3")
        }
    }

    @Test(arguments: [
        ("{\"Version\": 1, \"AccessKeyId\": \"AKIA\", \"SecretAccessKey\": \"\(CredentialTestSecrets.secret)\"",
         "printed something other than a credentials JSON object"),
        ("{\"Version\": 2, \"AccessKeyId\": \"AKIA\", \"SecretAccessKey\": \"\(CredentialTestSecrets.secret)\"}",
         "printed a document whose Version is not 1"),
        ("{\"Version\": 1, \"AccessKeyId\": \"AKIA\", \"SessionToken\": \"\(CredentialTestSecrets.token)\"}",
         "printed without AccessKeyId or SecretAccessKey"),
        ("{\"Version\": 1, \"AccessKeyId\": \"AKIA\", \"SecretAccessKey\": \"\(CredentialTestSecrets.secret)\", \"Expiration\": \"soon\"}",
         "printed an Expiration that isn't an ISO 8601 time"),
    ])
    func badOutputIsDescribedNeverEchoed(output: String, problem: String) async throws {
        try await withCredentialTestDirectory { home in
            let command = try Self.script(home, "bad", "printf '%s' '\(output)'")
            let error = await #expect(throws: AWSCredentialError.self) { try await Self.credentials(home, command: command) }
            #expect(error?.message == "credential_process of profile 'tool' \(problem)")
            #expect(CredentialTestSecrets.assertAbsent(in: error?.description ?? ""))
        }
    }

    /// The shell waits on a `sleep` child that also holds stdout: killing the shell at the
    /// deadline must not leave regiond waiting for the grandchild.
    @Test func aCommandPastItsTimeoutIsKilled() async throws {
        try await withCredentialTestDirectory { home in
            let command = try Self.script(home, "hangs", "sleep 30")
            let started = ContinuousClock.now
            let error = await #expect(throws: AWSCredentialError.self) {
                try await Self.credentials(home, command: command, timeout: .milliseconds(300))
            }
            #expect(ContinuousClock.now - started < .seconds(20), "not the 30 s the grandchild sleeps")
            #expect(error?.message == "credential_process of profile 'tool' (/bin/sh) did not finish within 0.3 seconds; killed")
        }
    }

    @Test(arguments: [
        ("no-such-helper --flag", "credential_process of profile 'tool': no executable 'no-such-helper' on PATH"),
        ("helper 'unclosed", "credential_process of profile 'tool' has an unclosed ' quote"),
    ])
    func commandsThatCannotRun(command: String, message: String) async throws {
        try await withCredentialTestDirectory { home in
            let error = await #expect(throws: AWSCredentialError.self) { try await Self.credentials(home, command: command) }
            #expect(error?.kind == .invalidConfiguration)
            #expect(error?.message == message)
        }
    }

    /// botocore's order: the credentials file's keys, then credential_process, then the config file's keys.
    @Test func ranksBetweenTheTwoFilesKeys() async throws {
        try await withCredentialTestDirectory { home in
            let command = try Self.script(home, "get-creds", "printf '%s' '\(Self.document)'")
            try home.write(".aws/config", """
                [profile a]
                credential_process = \(command)
                [profile b]
                credential_process = \(command)
                aws_access_key_id = AKIACONFIG
                aws_secret_access_key = config-secret
                """)
            try home.write(".aws/credentials", "[a]\naws_access_key_id = AKIACREDS\naws_secret_access_key = creds-secret\n")
            let files = { (profile: String) in SharedFileCredentials(profile: profile, environment: [:], homeDirectory: home.path) }
            #expect(try await files("a").credentials().accessKeyID == "AKIACREDS")
            #expect(try await files("b").credentials().source == "process:b")
        }
    }

    @Test(arguments: [
        ("cmd", ["cmd"]),
        ("  /opt/bin/cmd   --profile  x  ", ["/opt/bin/cmd", "--profile", "x"]),
        (#"cmd "a b" 'c d' e\ f"#, ["cmd", "a b", "c d", "e f"]),
        (#"cmd "x\"y\\z\n" 'no\escape'"#, ["cmd", #"x"y\z\n"#, #"no\escape"#]),
        (#"cmd a""b '' """#, ["cmd", "ab", "", ""]),
    ])
    func shellWords(command: String, words: [String]) throws {
        #expect(try ShellWords.split(command, origin: "test") == words)
    }
}
