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
        .package(url: "https://github.com/apple/swift-system.git", from: "1.8.1"),
        .package(url: "https://github.com/mattpolzin/OpenAPIKit.git", from: "6.4.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
    ],
    targets: [
        // glibc's malloc_trim, so the daemon can hand back what a large refresh freed.
        .target(name: "CMemory"),
        // RFC 3339 and SigV4 time text over one calendar arithmetic. No dependencies.
        .target(name: "CivilTime", swiftSettings: swiftSettings),
        // A pull scanner over UTF-8 JSON for the hot paths (sample batches, large catalogs). No dependencies.
        .target(name: "JSONScanning", swiftSettings: swiftSettings),
        // Pure domain: snapshots, diffs, access evaluation, refresh rules, the read model. No I/O.
        .target(name: "RegionRegistry", dependencies: ["CivilTime"], swiftSettings: swiftSettings),
        // IAM and SCP beside model access: least-privilege identity policies and SCP hints for
        // routes. Pure, like RegionRegistry.
        .target(name: "AccessPolicy", dependencies: ["RegionRegistry"], swiftSettings: swiftSettings),
        // Gateway configuration from judged routes: LiteLLM's model_list and router_settings,
        // TrueFoundry's provider account, YAML text. Pure, like RegionRegistry.
        .target(name: "GatewayExport", dependencies: ["RegionRegistry"], swiftSettings: swiftSettings),
        // Health: sample validation, minute rollups with mergeable latency sketches, states with
        // hysteresis, route ranking and model → profile resolution. Pure, like RegionRegistry.
        .target(
            name: "RegistryHealth",
            dependencies: ["RegionRegistry", "CivilTime", "JSONScanning", .product(name: "Histogram", package: "hdrhistogram-swift")],
            swiftSettings: swiftSettings
        ),
        // What the service needs from a database, whichever engine: the RegistryStorage protocol,
        // store errors, migrations and their checksum rule. No SQL.
        .target(
            name: "StoreInterface",
            dependencies: ["RegionRegistry", "RegistryHealth", "CivilTime", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings
        ),
        // The embedded SQLite engine, through GRDB: migrations (compiled in from Migrations/sqlite/), load, apply(diff).
        .target(
            name: "RegistryStore",
            dependencies: [
                "StoreInterface", "RegionRegistry", "RegistryHealth", "CivilTime",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings,
            plugins: ["EmbedFiles"]
        ),
        // The fleet engine, `PostgresStore`: PostgreSQL through postgres-nio, migrations compiled in
        // from Migrations/postgres/, samples partitioned by day, NOTIFY on every logged commit.
        .target(
            name: "PostgresStore",
            dependencies: [
                "StoreInterface", "RegionRegistry", "RegistryHealth", "CivilTime",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
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
                "CivilTime",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        // Where snapshots come from: the embedded catalog or a catalog file, or the account's
        // Bedrock control plane (the AWS source, and its health probe).
        .target(
            name: "RegistrySources",
            dependencies: ["RegionRegistry", "RegistryHealth", "AccessPolicy", "AWSCore", "CivilTime", "JSONScanning",
                           .product(name: "Logging", package: "swift-log")],
            exclude: ["Catalog"],
            swiftSettings: swiftSettings,
            plugins: ["EmbedFiles"]
        ),
        // The one door to the store, and the long-running services: source -> snapshot -> diff ->
        // store -> read model; health ingest, evaluation and probes; metrics.
        .target(
            name: "RegistryService",
            dependencies: [
                "RegionRegistry", "StoreInterface", "RegistryStore", "PostgresStore", "RegistrySources", "RegistryHealth", "CivilTime", "CMemory",
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
                "RegionRegistry", "RegistryService", "RegistryHealth", "AccessPolicy", "GatewayExport", "CivilTime",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOExtras", package: "swift-nio-extras"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            exclude: ["openapi.json", "Page"],
            swiftSettings: swiftSettings,
            plugins: ["EmbedFiles"]
        ),
        // sd_notify, the watchdog interval and socket activation, on Glibc alone (no libsystemd).
        .target(name: "SystemdSupport", swiftSettings: swiftSettings),
        // Thin executable: CLI parsing, configuration, ServiceGroup wiring.
        .executableTarget(
            name: "regiond",
            dependencies: [
                "RegionRegistry", "RegistryHealth", "RegistryStore", "RegistrySources", "RegistryService", "RegistryHTTP",
                "AccessPolicy", "AWSCore", "SystemdSupport", "CivilTime", "GatewayExport",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "SystemPackage", package: "swift-system"),
            ],
            swiftSettings: swiftSettings
        ),
        // Build-time tool: turns Migrations/*.sql, the catalog and the OpenAPI document into Swift
        // string constants, so an installed binary never reads them from disk.
        .executableTarget(name: "embed-files", path: "Sources/embed-files"),
        .plugin(name: "EmbedFiles", capability: .buildTool(), dependencies: ["embed-files"], path: "Sources/EmbedFilesPlugin"),

        // Test support: temp dirs and datagram sockets; the SigV4 verifier AWS would run; the
        // OpenAPI response checker; loopback stand-ins for the Bedrock control plane and STS that
        // check every signature (module BedrockStandIn).
        .target(name: "RegistryTestSupport", dependencies: ["StoreInterface", "RegistryHealth", "RegionRegistry"], path: "Tests/RegistryTestSupport",
                swiftSettings: swiftSettings),
        .target(
            name: "SigV4Verification",
            dependencies: ["AWSCore", "CivilTime"],
            path: "Tests/SigV4Verification",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "OpenAPIChecking",
            dependencies: [.product(name: "OpenAPIKit", package: "OpenAPIKit")],
            path: "Tests/OpenAPIChecking",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "BedrockStandIn",
            dependencies: [
                "AWSCore", "SigV4Verification",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/BedrockStandIn",
            swiftSettings: swiftSettings
        ),

        .testTarget(
            name: "OpenAPICheckingTests",
            dependencies: ["OpenAPIChecking", .product(name: "OpenAPIKit", package: "OpenAPIKit")],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "CivilTimeTests", dependencies: ["CivilTime"], swiftSettings: swiftSettings),
        .testTarget(name: "RegionRegistryTests", dependencies: ["RegionRegistry"], swiftSettings: swiftSettings),
        .testTarget(name: "GatewayExportTests", dependencies: ["GatewayExport", "RegionRegistry"], swiftSettings: swiftSettings),
        .testTarget(name: "AccessPolicyTests", dependencies: ["AccessPolicy", "RegionRegistry"], swiftSettings: swiftSettings),
        .testTarget(name: "RegistryHealthTests", dependencies: ["RegistryHealth", "RegionRegistry"], swiftSettings: swiftSettings),
        .testTarget(
            name: "AWSCoreTests",
            dependencies: [
                "AWSCore", "SigV4Verification", "CivilTime", "BedrockStandIn",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "RegistryServiceTests",
            dependencies: ["RegistryService", "RegistryStore", "RegistrySources", "RegionRegistry", "RegistryHealth", "RegistryTestSupport",
                           .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PostgresStoreTests",
            dependencies: ["PostgresStore", "StoreInterface", "RegionRegistry", "RegistryHealth", "RegistryTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "SystemdSupportTests", dependencies: ["SystemdSupport", "RegistryTestSupport"], swiftSettings: swiftSettings),
        .testTarget(
            name: "RegistryStoreTests",
            dependencies: ["RegistryStore", "RegionRegistry", "RegistrySources", "RegistryTestSupport", "RegistryHealth", "CivilTime",
                           .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "RegistrySourcesTests",
            dependencies: [
                "RegistrySources", "RegionRegistry", "RegistryTestSupport", "BedrockStandIn", "AWSCore", "CivilTime",
                "RegistryService", "RegistryHealth",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "RegistryHTTPTests",
            dependencies: [
                "RegistryHTTP", "AccessPolicy", "RegistryService", "RegistrySources", "RegionRegistry", "RegistryHealth", "RegistryTestSupport",
                "OpenAPIChecking", "CivilTime", "BedrockStandIn",
                .product(name: "OpenAPIKit", package: "OpenAPIKit"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
            ],
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "regiondTests",
            dependencies: [
                "regiond", "RegistryTestSupport", "RegistryStore", "RegionRegistry", "BedrockStandIn", "AWSCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
