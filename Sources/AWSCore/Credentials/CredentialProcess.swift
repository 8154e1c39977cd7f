import Foundation

/// A profile's `credential_process`: a command that prints
/// `{"Version": 1, "AccessKeyId": …, "SecretAccessKey": …, "SessionToken"?: …, "Expiration"?: …}`.
///
/// Run as botocore runs it: split like a POSIX shell would split it (quotes and backslashes,
/// no expansions, no shell), the program looked up on PATH. Errors say what went wrong and never
/// quote the output (it holds the secret) or stderr (not kept at all).
struct CredentialProcess: Sendable {
    /// A credentials document is a few hundred bytes; more is a misbehaving helper.
    static let outputLimit = 64 * 1024

    var command: String
    var profile: String
    var environment: [String: String]
    var timeout: Duration

    func credentials() async throws -> AWSCredentials {
        let origin = "credential_process of profile '\(profile)'"
        let words = try ShellWords.split(command, origin: origin)
        guard let program = words.first else { throw AWSCredentialError(.invalidConfiguration, "\(origin) is empty") }
        let executable = try locate(program, origin: origin)
        let outcome: ChildProcess.Outcome
        do {
            outcome = try await ChildProcess.run(executable: executable, arguments: Array(words.dropFirst()), environment: environment,
                                                 timeout: timeout, outputLimit: Self.outputLimit)
        } catch let error as CancellationError {
            throw error
        } catch {
            throw AWSCredentialError(.retrievalFailed, "\(origin): cannot run \(executable): \(error.localizedDescription)")
        }
        switch outcome.ending {
        case .exited(0):
            return try Self.parse(outcome.output, origin: origin, source: "process:\(profile)")
        case .exited(let status):
            throw AWSCredentialError(.retrievalFailed, "\(origin) (\(executable)) exited with status \(status)")
        case .signalled(let signal):
            throw AWSCredentialError(.retrievalFailed, "\(origin) (\(executable)) was killed by signal \(signal)")
        case .timedOut:
            throw AWSCredentialError(.retrievalFailed, "\(origin) (\(executable)) did not finish within \(timeout); killed")
        case .outputTooLarge:
            throw AWSCredentialError(.retrievalFailed, "\(origin) (\(executable)) printed more than \(Self.outputLimit) bytes; killed")
        }
    }

    /// A path is taken as it is; a bare name is looked up on the environment's PATH, as execvp would.
    private func locate(_ program: String, origin: String) throws -> String {
        if program.contains("/") { return program }
        let path = environment.nonEmpty("PATH") ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":", omittingEmptySubsequences: false) {
            let candidate = (directory.isEmpty ? "." : String(directory)) + "/" + program
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw AWSCredentialError(.invalidConfiguration, "\(origin): no executable '\(program)' on PATH")
    }

    static func parse(_ output: [UInt8], origin: String, source: String) throws -> AWSCredentials {
        let said = "\(origin) printed"
        let document = try CredentialDocument(decoding: Data(output), said: said)
        guard document.version == 1 else {
            throw AWSCredentialError(.retrievalFailed, "\(said) a document whose Version is not 1")
        }
        return try document.credentials(said: said, source: source)
    }
}

/// POSIX shell word splitting without expansions (Python's `shlex.split`, which botocore uses):
/// whitespace separates words, `'…'` is literal, `"…"` lets `\` escape only `"` and `\`, and a
/// `\` outside quotes escapes the next character.
enum ShellWords {
    static func split(_ text: String, origin: String) throws -> [String] {
        var words: [String] = []
        var word: String?
        var characters = text.makeIterator()
        while let character = characters.next() {
            switch character {
            case " ", "\t", "\n", "\r":
                if let finished = word { words.append(finished) }
                word = nil
            case "'":
                word = (word ?? "") + (try quoted(&characters, until: "'", escapes: [], origin: origin))
            case "\"":
                word = (word ?? "") + (try quoted(&characters, until: "\"", escapes: ["\"", "\\"], origin: origin))
            case "\\":
                word = (word ?? "") + (characters.next().map { String($0) } ?? "")
            default:
                word = (word ?? "") + String(character)
            }
        }
        if let finished = word { words.append(finished) }
        return words
    }

    private static func quoted(_ characters: inout String.Iterator, until close: Character, escapes: Set<Character>,
                               origin: String) throws -> String {
        var text = ""
        while let character = characters.next() {
            if character == close { return text }
            if character == "\\" && !escapes.isEmpty, let next = characters.next() {
                text += escapes.contains(next) ? String(next) : "\\" + String(next)
            } else {
                text.append(character)
            }
        }
        throw AWSCredentialError(.invalidConfiguration, "\(origin) has an unclosed \(close) quote")
    }
}
