/// The INI dialect of ~/.aws/credentials and ~/.aws/config, read the way the AWS CLI reads it
/// (botocore uses Python's `configparser.RawConfigParser`):
///
/// - `[section]` headers; section names are case-sensitive and kept as written.
/// - `key = value` or `key: value`, split at the first `=` or `:`, whitespace trimmed,
///   keys lower-cased.
/// - Whole-line comments starting with `#` or `;` (after optional indentation). There are
///   no inline comments: `region = us-east-1 # prod` has the value `us-east-1 # prod`.
/// - A line indented deeper than the key above it continues that key's value (the config
///   file's nested `s3 =` blocks), joined with newlines.
/// - A duplicate section or key, a key outside any section, or a line that is none of the
///   above is an error, as it is for the CLI.
struct AWSINIFile: Sendable, Equatable {
    /// Section name → lower-cased key → value.
    var sections: [String: [String: String]]

    /// Parses `text`; `path` only labels errors. Errors name the line, never its content,
    /// because the line may hold a secret.
    init(parsing text: String, path: String) throws(AWSCredentialError) {
        var sections: [String: [String: String]] = [:]
        var currentSection: String?
        var continuation: (key: String, indent: Int)?

        func failure(_ line: Int, _ problem: String) -> AWSCredentialError {
            AWSCredentialError(.invalidConfiguration, "cannot parse \(path), line \(line): \(problem)")
        }

        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        for (index, rawLine) in lines.enumerated() {
            let lineNumber = index + 1
            var line = rawLine[...]
            if index == 0, line.first == "\u{FEFF}" { line = line.dropFirst() }
            let indent = line.prefix(while: { $0 == " " || $0 == "\t" }).count
            let content = line.trimmingAWSWhitespace()

            if content.isEmpty { continue }
            if content.hasPrefix("#") || content.hasPrefix(";") {
                continuation = nil // configparser: a comment ends a multi-line value
                continue
            }
            if let section = currentSection, let open = continuation, indent > open.indent {
                sections[section, default: [:]][open.key, default: ""] += "\n" + content
                continue
            }
            if content.hasPrefix("[") {
                guard let close = content.lastIndex(of: "]"), content.index(after: content.startIndex) < close else {
                    throw failure(lineNumber, "malformed section header")
                }
                let name = String(content[content.index(after: content.startIndex)..<close])
                guard sections[name] == nil else { throw failure(lineNumber, "duplicate section [\(name)]") }
                sections[name] = [:]
                currentSection = name
                continuation = nil
                continue
            }
            guard let section = currentSection else {
                throw failure(lineNumber, "a setting before any [section] header")
            }
            guard let delimiter = content.firstIndex(where: { $0 == "=" || $0 == ":" }) else {
                throw failure(lineNumber, "expected 'key = value'")
            }
            let key = content[..<delimiter].trimmingAWSWhitespace().lowercased()
            guard !key.isEmpty else { throw failure(lineNumber, "a setting without a key") }
            guard sections[section]?[key] == nil else {
                throw failure(lineNumber, "duplicate key '\(key)' in [\(section)]")
            }
            sections[section, default: [:]][key] = String(content[content.index(after: delimiter)...].trimmingAWSWhitespace())
            continuation = (key, indent)
        }
        self.sections = sections
    }
}

extension Substring {
    func trimmingAWSWhitespace() -> Substring {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\u{0B}" || $0 == "\u{0C}" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return self[endIndex...]
        }
        return self[first...last]
    }
}
