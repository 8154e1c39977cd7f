import Testing
@testable import AWSCore

@Suite("AWS INI parsing")
struct CredentialINIParsingTests {
    private func parse(_ text: String) throws -> [String: [String: String]] {
        try AWSINIFile(parsing: text, path: "/test/config").sections
    }

    @Test func commentsWhitespaceAndKeyCase() throws {
        let sections = try parse("""
            # a comment
            ; another comment
            [default]
              # indented comment
            AWS_Access_Key_ID=AKIA1
            aws_secret_access_key   =   with = equals and : colon
            region: us-east-1
            output = json # not a comment: configparser has no inline comments

            [profile  spaced]
            empty =
            """)
        #expect(sections["default"] == [
            "aws_access_key_id": "AKIA1",
            "aws_secret_access_key": "with = equals and : colon",
            "region": "us-east-1",
            "output": "json # not a comment: configparser has no inline comments",
        ])
        #expect(sections["profile  spaced"] == ["empty": ""])
    }

    @Test func sectionNamesAreCaseSensitive() throws {
        let sections = try parse("[Default]\na = 1\n[default]\na = 2\n")
        #expect(sections["Default"]?["a"] == "1")
        #expect(sections["default"]?["a"] == "2")
    }

    @Test func indentedLinesContinueTheValueAbove() throws {
        let sections = try parse("""
            [default]
            s3 =
                max_concurrent_requests = 10
                addressing_style = path
            region = us-west-2
            """)
        #expect(sections["default"]?["s3"] == "\nmax_concurrent_requests = 10\naddressing_style = path")
        #expect(sections["default"]?["region"] == "us-west-2")
    }

    /// Uniformly indented keys are separate keys, not continuations (same indentation, not deeper).
    @Test func uniformlyIndentedKeys() throws {
        let sections = try parse("[default]\n  aws_access_key_id = AKIA1\n  aws_secret_access_key = s\n")
        #expect(sections["default"] == ["aws_access_key_id": "AKIA1", "aws_secret_access_key": "s"])
    }

    @Test func crlfLineEndingsAndByteOrderMark() throws {
        let sections = try parse("\u{FEFF}[default]\r\naws_access_key_id = AKIA1\r\naws_secret_access_key = s\r\n")
        #expect(sections["default"] == ["aws_access_key_id": "AKIA1", "aws_secret_access_key": "s"])
    }

    @Test(arguments: [
        ("aws_access_key_id = AKIA1\n", "line 1: a setting before any [section] header"),
        ("[default]\naws_secret_access_key \(CredentialTestSecrets.secret)\n", "line 2: expected 'key = value'"),
        ("[default]\na = 1\nA = 2\n", "line 3: duplicate key 'a' in [default]"),
        ("[default]\n[default]\n", "line 2: duplicate section [default]"),
        ("[default\n", "line 1: malformed section header"),
        ("[default]\n= \(CredentialTestSecrets.secret)\n", "line 2: a setting without a key"),
    ])
    func malformedFilesFailWithLineButNotContent(text: String, expected: String) {
        let error = #expect(throws: AWSCredentialError.self) { try AWSINIFile(parsing: text, path: "/test/config") }
        #expect(error?.description == "cannot parse /test/config, \(expected)")
        #expect(CredentialTestSecrets.assertAbsent(in: error?.description ?? ""))
    }
}
