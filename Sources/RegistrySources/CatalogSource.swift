import Foundation
import RegionRegistry

/// A snapshot source that reads a catalog: the one compiled into the binary, or a file
/// (`--catalog FILE`), re-read on every refresh so edits take effect without a restart.
public struct CatalogSource: SnapshotSource {
    public enum Origin: Sendable, Hashable {
        case embedded
        case file(String)
    }

    public let origin: Origin

    public init(_ origin: Origin) { self.origin = origin }

    public var name: String {
        switch origin {
        case .embedded: "catalog:embedded"
        case .file(let path): "catalog:\(path)"
        }
    }

    public func snapshot() async throws -> Snapshot {
        try load().1
    }

    /// Reads and validates the catalog.
    public func load() throws -> (CatalogFile, Snapshot) {
        switch origin {
        case .embedded:
            let (catalog, snapshot) = try CatalogLoader.load(Data(Self.embeddedText.utf8), file: "embedded catalog")
            return (catalog, withName(snapshot))
        case .file(let path):
            let data: Data
            do {
                data = try Data(contentsOf: URL(fileURLWithPath: path))
            } catch {
                throw CatalogError(file: path, problems: [.init(path: "$", reason: "cannot read the file: \(Self.readFailure(error))")])
            }
            let (catalog, snapshot) = try CatalogLoader.load(data, file: path)
            return (catalog, withName(snapshot))
        }
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
