import Foundation

/// A fresh directory under the system temp dir for one test; removed afterwards.
struct CredentialTestDirectory: Sendable {
    let path: String

    /// Writes `contents` at `relativePath` (creating parent directories) and returns the full path.
    @discardableResult
    func write(_ relativePath: String, _ contents: String) throws -> String {
        let full = path + "/" + relativePath
        try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try Data(contents.utf8).write(to: URL(fileURLWithPath: full))
        return full
    }
}

/// Runs `body` with a new temporary directory, removing it when `body` ends however it ends.
func withCredentialTestDirectory<T>(_ body: (CredentialTestDirectory) async throws -> T) async throws -> T {
    let path = FileManager.default.temporaryDirectory
        .appendingPathComponent("regiond-credentials-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: path) }
    return try await body(CredentialTestDirectory(path: path))
}

/// Secrets the tests plant, to assert they never show up in errors or logs.
enum CredentialTestSecrets {
    static let accessKeyID = "AKIATESTKEY0000ABCD"
    static let secret = "s3cr3t-never-print-me"
    static let token = "t0ken-never-print-me"
    static let authorization = "auth-header-never-print-me"

    static func assertAbsent(in text: String) -> Bool {
        ![secret, token, authorization].contains(where: text.contains)
    }
}
