// swift-tools-version:6.2
import PackageDescription

let package = Package(
    name: "Crossdock",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "crossdock", targets: ["CLI"]),
        .executable(name: "transport-bench", targets: ["TransportBench"]),
        .executable(name: "pipeline-bench", targets: ["PipelineBench"]),
        .library(name: "X12", targets: ["X12"]),
        .library(name: "Transport", targets: ["Transport"]),
        .library(name: "Canonical", targets: ["Canonical"]),
        .library(name: "Mapping", targets: ["Mapping"]),
        .library(name: "Store", targets: ["Store"]),
        .library(name: "Delivery", targets: ["Delivery"]),
        .library(name: "Bridge", targets: ["Bridge"]),
        .library(name: "Console", targets: ["Console"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    ],
    targets: [
        // C libraries from Debian packages, found through pkg-config. Each folder holds a module map
        // and a shim header with static inline wrappers for the macros Swift cannot import.
        .systemLibrary(name: "CLibSSH2", pkgConfig: "libssh2", providers: [.apt(["libssh2-1-dev"])]),
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),

        .target(name: "X12"),
        .target(name: "FlatFile", dependencies: ["CLibXML2"]),
        .target(
            name: "Transport",
            dependencies: ["CLibSSH2", "CZlib", .product(name: "Crypto", package: "swift-crypto")]
        ),
        .target(name: "Canonical", dependencies: [.product(name: "Crypto", package: "swift-crypto")]),
        .target(
            name: "Mapping",
            dependencies: ["X12", "FlatFile", "Canonical", .product(name: "Yams", package: "Yams")]
        ),
        .target(name: "Store", dependencies: ["Transport", "X12", .product(name: "GRDB", package: "GRDB.swift")]),
        .target(
            name: "Delivery",
            dependencies: [
                "Store", "Canonical",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        .target(
            name: "Bridge",
            dependencies: [
                "X12", "FlatFile", "Transport", "Mapping", "Canonical", "Store", "Delivery",
                .product(name: "Yams", package: "Yams"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Metrics", package: "swift-metrics"),
            ]
        ),
        .target(
            name: "Console",
            dependencies: [
                "Store", "Bridge", "Delivery",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
        .executableTarget(
            name: "CLI",
            dependencies: [
                "X12",
                "Canonical",
                "FlatFile",
                "Mapping",
                "Store",
                "Bridge",
                "Console",
                "Delivery",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),

        // bench/sftp_fetch.sh times this beside OpenSSH's own sftp client.
        .executableTarget(name: "TransportBench", dependencies: ["Transport"]),
        // bench/e2e.sh: crossdock run end to end beside plain HTTP posting, in the same run.
        .executableTarget(
            name: "PipelineBench",
            dependencies: [
                "TestSupport", "HTTPTestSupport", "Delivery",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),

        .target(name: "TestSupport", path: "Tests/TestSupport"),
        // The HTTP server that delivery and pipeline tests post to (127.0.0.1, scripted answers, recorded requests).
        .target(
            name: "HTTPTestSupport",
            dependencies: [
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/HTTPTestSupport"
        ),
        .testTarget(name: "X12Tests", dependencies: ["X12", "TestSupport"]),
        .testTarget(name: "FlatFileTests", dependencies: ["FlatFile", "TestSupport"]),
        .testTarget(name: "CLITests", dependencies: ["TestSupport"]),
        .testTarget(name: "TransportTests", dependencies: ["Transport", "TestSupport"]),
        .testTarget(name: "CanonicalTests", dependencies: ["Canonical", "TestSupport"]),
        .testTarget(
            name: "StoreTests",
            dependencies: ["Store", "Transport", "X12", "TestSupport", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(name: "MappingTests", dependencies: ["Mapping", "Canonical", "FlatFile", "X12", "TestSupport"]),
        .testTarget(
            name: "BridgeTests",
            dependencies: [
                "Bridge", "Canonical", "Delivery", "Mapping", "Store", "Transport", "X12", "TestSupport", "HTTPTestSupport",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "DeliveryTests",
            dependencies: [
                "Delivery", "Store", "Transport", "HTTPTestSupport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "ServiceLifecycleTestKit", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "ConsoleTests",
            dependencies: [
                "Console", "Bridge", "Delivery", "Store", "Transport", "Mapping", "Canonical", "TestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
    ]
)

for target in package.targets where target.type != .system {
    target.swiftSettings = (target.swiftSettings ?? []) + [
        .enableUpcomingFeature("ExistentialAny"),
        .enableUpcomingFeature("MemberImportVisibility"),
        .enableUpcomingFeature("InternalImportsByDefault"),
    ]
}
