import Foundation

/// The AWS CLI's shared files: the credentials file (`AWS_SHARED_CREDENTIALS_FILE`, default
/// `~/.aws/credentials`, sections `[NAME]`) and the config file (`AWS_CONFIG_FILE`, default
/// `~/.aws/config`, sections `[profile NAME]`, and `[default]`).
///
/// Files are read anew on every call: they are small, and the CLI rewrites them in place.
public struct AWSSharedConfig: Sendable {
    public let credentialsFilePath: String
    public let configFilePath: String
    private let environment: [String: String]

    /// - Parameter homeDirectory: what `~` means; defaults to `HOME`, then the user's home directory.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment,
                homeDirectory: String? = nil) {
        let home = homeDirectory ?? environment.nonEmpty("HOME") ?? NSHomeDirectory()
        func path(_ variable: String, default relative: String) -> String {
            guard let configured = environment.nonEmpty(variable) else { return home + "/" + relative }
            if configured == "~" { return home }
            if configured.hasPrefix("~/") { return home + configured.dropFirst() }
            return configured
        }
        self.credentialsFilePath = path("AWS_SHARED_CREDENTIALS_FILE", default: ".aws/credentials")
        self.configFilePath = path("AWS_CONFIG_FILE", default: ".aws/config")
        self.environment = environment
    }

    /// The profile the CLI would use and why: an explicit name (regiond's `--aws-profile`),
    /// else `AWS_PROFILE`, else `default`.
    public func selectProfile(explicit: String?) -> AWSProfileSelection {
        if let explicit, !explicit.isEmpty { return AWSProfileSelection(name: explicit, origin: .argument) }
        if let named = environment.nonEmpty("AWS_PROFILE") { return AWSProfileSelection(name: named, origin: .environment) }
        return AWSProfileSelection(name: "default", origin: .default)
    }

    /// The selected profile's `region`, or nil when it sets none. Like the CLI, a `region`
    /// in the credentials file's section overrides the config file's. Throws when a
    /// profile named explicitly (argument or AWS_PROFILE) exists in neither file.
    public func region(profile explicit: String? = nil) async throws -> String? {
        let selection = selectProfile(explicit: explicit)
        let profile = try await loadProfile(selection)
        return profile.settings["region"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The selected profile's sections from both files. Throws `.profileNotFound` when an
    /// explicitly named profile is in neither (as the CLI does); the implicit `default`
    /// may be missing.
    func loadProfile(_ selection: AWSProfileSelection) async throws -> AWSSharedProfile {
        try selectedProfile(selection, in: try await loadFiles())
    }

    /// Both files as they are now, so that several profiles (a chain of source profiles) are
    /// read from one version of them.
    func loadFiles() async throws -> AWSSharedFiles {
        AWSSharedFiles(credentialsFile: try await Self.read(credentialsFilePath), configFile: try await Self.read(configFilePath))
    }

    /// `loadProfile` over files already read.
    func selectedProfile(_ selection: AWSProfileSelection, in files: AWSSharedFiles) throws -> AWSSharedProfile {
        let profile = files.profile(selection.name)
        if !profile.exists && selection.origin != .default {
            throw AWSCredentialError(
                .profileNotFound,
                "AWS profile '\(selection.name)' (from \(selection.origin.label)) is not in \(credentialsFilePath) or \(configFilePath)")
        }
        return profile
    }

    /// The config file names profiles `[profile NAME]` except `[default]`. Like botocore,
    /// `[profile default]` also counts, and wins over `[default]` key by key.
    fileprivate static func configSection(named name: String, in file: AWSINIFile) -> [String: String]? {
        var found: [String: String]?
        for (header, settings) in file.sections {
            let words = header.split(whereSeparator: { $0 == " " || $0 == "\t" })
            let isProfileHeader = words.count == 2 && words[0] == "profile" && words[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"'")) == name
            if isProfileHeader {
                found = (found ?? [:]).merging(settings) { _, profileValue in profileValue }
            } else if name == "default" && header == "default" {
                found = settings.merging(found ?? [:]) { _, profileValue in profileValue }
            }
        }
        return found
    }

    /// A missing file (or a directory in its place) is no file, as for the CLI; a file that
    /// exists but can't be read or parsed is an error.
    private static func read(_ path: String) async throws -> AWSINIFile? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            return nil
        }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw AWSCredentialError(.invalidConfiguration, "cannot read \(path): \(error.localizedDescription)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw AWSCredentialError(.invalidConfiguration, "cannot parse \(path): not UTF-8 text")
        }
        return try AWSINIFile(parsing: text, path: path)
    }
}

/// Which profile is in use, and where its name came from (errors say which).
public struct AWSProfileSelection: Sendable, Equatable {
    public enum Origin: Sendable, Equatable {
        case argument, environment, `default`

        var label: String {
            switch self {
            case .argument: "the --aws-profile argument"
            case .environment: "AWS_PROFILE"
            case .default: "the default"
            }
        }
    }

    public var name: String
    public var origin: Origin
}

/// One profile as the two shared files describe it.
struct AWSSharedProfile: Sendable {
    var name: String
    var credentialsFileSection: [String: String]?
    var configFileSection: [String: String]?

    var exists: Bool { credentialsFileSection != nil || configFileSection != nil }

    /// Both files' settings, the credentials file winning key by key (botocore's merge).
    var settings: [String: String] {
        (configFileSection ?? [:]).merging(credentialsFileSection ?? [:]) { _, credentialsValue in credentialsValue }
    }
}

/// The two files as read at one moment; either may be absent.
struct AWSSharedFiles: Sendable {
    var credentialsFile: AWSINIFile?
    var configFile: AWSINIFile?

    func profile(_ name: String) -> AWSSharedProfile {
        AWSSharedProfile(name: name, credentialsFileSection: credentialsFile?.sections[name],
                         configFileSection: configFile.flatMap { AWSSharedConfig.configSection(named: name, in: $0) })
    }
}
