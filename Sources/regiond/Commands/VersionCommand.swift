import ArgumentParser

struct VersionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "version", abstract: "Print regiond's version.")

    func run() async throws {
        print("regiond \(RegiondVersion.current)")
    }
}
