import Foundation

/// Test fixtures live beside the test sources (CI clones only the repository).
enum Fixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let officialSuite = directory.appendingPathComponent("sigv4-testsuite/aws-sig-v4-test-suite")

    static func data(_ relativePath: String) throws -> Data {
        try Data(contentsOf: directory.appendingPathComponent(relativePath))
    }

    /// AWS's published example key pair, used by the official suite and the Bedrock vectors.
    static let exampleAccessKeyID = "AKIDEXAMPLE"
    static let exampleSecretAccessKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
}
