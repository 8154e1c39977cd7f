// swift-tools-version:6.2
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "regiond",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "regiond", targets: ["regiond"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-configuration.git", from: "1.4.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift.git", from: "0.2.0"),
    ],
    targets: [
        // Pure domain: snapshots, diffs, access evaluation, the read model. No I/O.
        .target(
            name: "RegionRegistry",
            swiftSettings: swiftSettings
        ),
        // Health: sample validation, minute rollups with mergeable latency sketches, states with
        // hysteresis, route ranking and model → profile resolution. Pure, like RegionRegistry.
        .target(
            name: "RegistryHealth",
            dependencies: ["RegionRegistry", .product(name: "Histogram", package: "hdrhistogram-swift")],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "RegistryHealthTests", dependencies: ["RegistryHealth", "RegionRegistry"], swiftSettings: swiftSettings),
        // The SQLite store: migrations (compiled in from Migrations/*.sql), records, apply(diff).
        .target(
            name: "RegistryStore",
            dependencies: [
                "RegionRegistry", "RegistryHealth",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings,
            plugins: ["EmbedFiles"]
        ),
        // AWS plumbing owned here: SigV4 signing, the credential provider chain, endpoint
        // resolution and a retrying, concurrency-bounded HTTP client for control-plane calls.
        .target(
            name: "AWSCore",
            dependencies: [
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        // Where snapshots come from: the embedded catalog or a catalog file, or the account's
        // Bedrock control plane (the AWS source).
        .target(
            name: "RegistrySources",
            dependencies: ["RegionRegistry", "AWSCore", .product(name: "Logging", package: "swift-log")],
            exclude: ["Catalog"],
            swiftSettings: swiftSettings,
            plugins: ["EmbedFiles"]
        ),
        // The refresh pipeline and long-running services: source -> snapshot -> diff -> store -> read model.
        .target(
            name: "RegistryService",
            dependencies: [
                "RegionRegistry", "RegistryStore", "RegistrySources", "RegistryHealth", "AWSCore",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        // The JSON-over-HTTP API: routes, errors, auth, ETags, watches, the OpenAPI document.
        .target(
            name: "RegistryHTTP",
            dependencies: [
                "RegionRegistry", "RegistryService", "RegistryStore", "RegistryHealth",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOExtras", package: "swift-nio-extras"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            exclude: ["openapi.json"],
            swiftSettings: swiftSettings,
            plugins: ["EmbedFiles"]
        ),
        // sd_notify, the watchdog interval and socket activation, on Glibc alone (no libsystemd).
        .target(name: "SystemdSupport", swiftSettings: swiftSettings),
        // Thin executable: CLI parsing, configuration, ServiceGroup wiring.
        .executableTarget(
            name: "regiond",
            dependencies: [
                "RegionRegistry", "RegistryStore", "RegistrySources", "RegistryService", "RegistryHTTP", "AWSCore", "SystemdSupport",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        // Build-time tool: turns Migrations/*.sql, the catalog and the OpenAPI document into Swift
        // string constants, so an installed binary never reads them from disk.
        .executableTarget(name: "embed-files", path: "Sources/embed-files"),
        .plugin(name: "EmbedFiles", capability: .buildTool(), dependencies: ["embed-files"], path: "Sources/EmbedFilesPlugin"),

        .target(name: "RegistryTestSupport", path: "Tests/RegistryTestSupport", swiftSettings: swiftSettings),
        // A loopback stand-in for the Bedrock control plane that checks every signature.
        .target(
            name: "BedrockStandIn",
            dependencies: [
                "AWSCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/BedrockStandIn",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AWSCoreTests",
            dependencies: [
                "AWSCore", "RegistryTestSupport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "SystemdSupportTests", dependencies: ["SystemdSupport", "RegistryTestSupport"], swiftSettings: swiftSettings),
        .testTarget(
            name: "RegionRegistryTests",
            dependencies: ["RegionRegistry"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "RegistryStoreTests",
            dependencies: ["RegistryStore", "RegionRegistry", "RegistrySources", "RegistryTestSupport", "RegistryHealth",
                           .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "RegistrySourcesTests",
            dependencies: [
                "RegistrySources", "RegionRegistry", "RegistryTestSupport", "BedrockStandIn", "AWSCore",
                "RegistryStore", "RegistryService",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "RegistryHTTPTests",
            dependencies: [
                "RegistryHTTP", "RegistryService", "RegistryStore", "RegistrySources", "RegionRegistry", "RegistryTestSupport", "RegistryHealth",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "regiondTests",
            dependencies: [
                "regiond", "RegistryTestSupport", "RegistryStore", "RegionRegistry", "BedrockStandIn", "AWSCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Configuration", package: "swift-configuration"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
