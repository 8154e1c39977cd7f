import Foundation
import RegionRegistry
import Synchronization

/// A snapshot source that reads a catalog: the one compiled into the binary, or a file
/// (`--catalog FILE`), re-read on every refresh so edits take effect without a restart.
public struct CatalogSource: SnapshotSource {
    public enum Origin: Sendable, Hashable {
        case embedded
        case file(String)
    }

    public let origin: Origin
    /// What `load()` read last, handed to the next `snapshot()` when the file is still the same:
    /// the daemon checks its catalog at start-up, and its first refresh need not read it again.
    private let lastLoad = LastLoad()

    public init(_ origin: Origin) { self.origin = origin }

    public var name: String {
        switch origin {
        case .embedded: "catalog:embedded"
        case .file(let path): "catalog:\(path)"
        }
    }

    public func snapshot() async throws -> Snapshot {
        let data = try read()
        if let loaded = lastLoad.take(matching: data) { return loaded }
        return try parse(data).1
    }

    /// Reads and validates the catalog.
    public func load() throws -> (CatalogFile, Snapshot) {
        let data = try read()
        let loaded = try parse(data)
        lastLoad.keep(loaded.1, of: data)
        return loaded
    }

    private func read() throws -> Data {
        switch origin {
        case .embedded:
            return Data(Self.embeddedText.utf8)
        case .file(let path):
            do {
                return try Data(contentsOf: URL(fileURLWithPath: path))
            } catch {
                throw CatalogError(file: path, problems: [.init(path: "$", reason: "cannot read the file: \(Self.readFailure(error))")])
            }
        }
    }

    private func parse(_ data: Data) throws -> (CatalogFile, Snapshot) {
        let file = switch origin {
        case .embedded: "embedded catalog"
        case .file(let path): path
        }
        let (catalog, snapshot) = try CatalogLoader.load(data, file: file)
        return (catalog, withName(snapshot))
    }

    private func withName(_ snapshot: Snapshot) -> Snapshot {
        var snapshot = snapshot
        snapshot.source = name
        return snapshot
    }

    /// The default catalog compiled into the binary (`Catalog/aws-published.json`).
    public static var embeddedText: String {
        EmbeddedCatalog.files.first { $0.name == "aws-published.json" }?.text ?? ""
    }

    private static func readFailure(_ error: any Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        return nsError.localizedDescription
    }
}

/// One loaded snapshot and the fingerprint of the bytes it came from, taken at most once.
final class LastLoad: Sendable {
    private let kept = Mutex<(fingerprint: Fingerprint, snapshot: Snapshot)?>(nil)

    struct Fingerprint: Equatable {
        var count: Int
        var hash: Int

        init(_ data: Data) {
            var hasher = Hasher()
            data.withUnsafeBytes { hasher.combine(bytes: $0) }
            count = data.count
            hash = hasher.finalize()
        }
    }

    func keep(_ snapshot: Snapshot, of data: Data) {
        let fingerprint = Fingerprint(data)
        kept.withLock { $0 = (fingerprint, snapshot) }
    }

    /// The kept snapshot if it came from these very bytes; either way nothing is kept after.
    func take(matching data: Data) -> Snapshot? {
        guard let kept = kept.withLock({ kept in defer { kept = nil }; return kept }) else { return nil }
        return kept.fingerprint == Fingerprint(data) ? kept.snapshot : nil
    }
}
