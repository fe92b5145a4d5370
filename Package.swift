// swift-tools-version:6.0
import PackageDescription

// Modules follow DESIGN.md; each arrives with its issue. Dependencies stay lean: CI builds from scratch.
let package = Package(
    name: "mailsift",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "mailsift", targets: ["mailsift"]),
        .library(name: "MailMessage", targets: ["MailMessage"]),
        .library(name: "Sieve", targets: ["Sieve"]),
        .library(name: "Archive", targets: ["Archive"]),
        .library(name: "MailboxFormats", targets: ["MailboxFormats"]),
        .library(name: "IMAPCore", targets: ["IMAPCore"]),
        .library(name: "IMAPClient", targets: ["IMAPClient"]),
        .library(name: "Daemon", targets: ["Daemon"]),
        .library(name: "Spam", targets: ["Spam"]),
        .library(name: "Archiver", targets: ["Archiver"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.3"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/LebJe/TOMLKit.git", from: "0.6.0"),
    ],
    targets: [
        .target(name: "MailMessage"),
        // Release builds of the interpreter skip Swift's run-time exclusivity checks (the compile-time ones stay):
        // they cost 11 % of the Sieve benchmark (median of 10 alternating runs 50,500 → 56,000 messages/s).
        // Debug builds, which every test runs, keep them, so an overlapping access would still be caught there.
        .target(
            name: "Sieve", dependencies: ["MailMessage", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]),
        // System libraries from Debian's -dev packages (scripts/swift-env.sh installs them).
        .systemLibrary(name: "CZstd", providers: [.apt(["libzstd-dev"])]),
        .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),
        // The IMAP codec: value types, an incremental response parser and command encoders; no I/O.
        .target(name: "IMAPCore"),
        // The IMAP client on SwiftNIO: TLS, STARTTLS, COMPRESS, timeouts, async/await; the protocol itself is IMAPCore's.
        .target(
            name: "IMAPClient",
            dependencies: [
                "IMAPCore", "CZlib",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        // mbox, Maildir names and gzip: the import formats, pure (fuzzed on their own in Fuzz/).
        .target(name: "MailboxFormats", dependencies: ["CZlib"]),
        .target(
            name: "Archive",
            dependencies: [
                "MailMessage", "MailboxFormats", "CZstd", "CZlib",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The statistical learner: tokenizer, Robinson–Fisher combining, the token store (SQLite).
        .target(
            name: "Spam",
            dependencies: [
                "MailMessage", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]),
        // The daemon: configuration, state store, account supervisors, the filing pipeline, live rules, status.
        .target(
            name: "Daemon",
            dependencies: [
                "MailMessage", "Sieve", "IMAPCore", "IMAPClient", "Spam",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "TOMLKit", package: "TOMLKit"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ]
        ),
        // Archiving from the server: policies, plan, the verified fetch → store → expunge protocol.
        .target(
            name: "Archiver",
            dependencies: [
                "Archive", "IMAPClient", "IMAPCore", "MailMessage", "Daemon",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .executableTarget(
            name: "mailsift",
            dependencies: [
                "MailMessage",
                "Sieve",
                "Archive",
                "MailboxFormats",
                "IMAPClient",
                "Daemon",
                "Spam",
                "Archiver",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        // The benchmarks: run from the repository (its corpus paths, Tests/bench, scripts/), never installed.
        .executableTarget(
            name: "mailsift-bench",
            dependencies: [
                "MailMessage", "Sieve", "Archive", "MailboxFormats", "IMAPCore", "IMAPClient", "Spam",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ]
        ),
        // What several test targets share (Tests/TestSupport): the test servers' settings, the scripted fake IMAP
        // server, the corpus and repository locators, temporary folders, sample mail. A plain target, so test
        // targets can depend on it; no product names it, so it never reaches the installed binary.
        .target(name: "TestSupport", dependencies: ["IMAPClient", "IMAPCore"], path: "Tests/TestSupport"),
        .testTarget(name: "MailMessageTests", dependencies: ["MailMessage", "TestSupport"]),
        .testTarget(name: "SieveTests", dependencies: ["Sieve", "TestSupport"]),
        .testTarget(name: "SpamTests", dependencies: ["Spam", "MailMessage", "TestSupport"]),
        // Transcripts/ is read by path (#filePath), not bundled.
        .testTarget(name: "IMAPCoreTests", dependencies: ["IMAPCore"], exclude: ["Transcripts"]),
        .testTarget(
            name: "IMAPClientTests",
            dependencies: [
                "IMAPClient", "IMAPCore", "TestSupport", .product(name: "NIOEmbedded", package: "swift-nio"),
            ]),
        .testTarget(name: "MailboxFormatsTests", dependencies: ["MailboxFormats", "TestSupport"]),
        .testTarget(
            name: "ArchiveTests",
            dependencies: [
                "Archive", "MailboxFormats", "MailMessage", "TestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]),
        .testTarget(
            name: "CommandLineTests",
            dependencies: ["mailsift", "mailsift-bench", "TestSupport", "IMAPClient", "IMAPCore"]),
        .testTarget(
            name: "DaemonTests",
            dependencies: [
                "Daemon", "Sieve", "Spam", "IMAPClient", "IMAPCore", "TestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]),
        .testTarget(name: "TestServerTests", dependencies: ["TestSupport"]),
        .testTarget(
            name: "ArchiverTests",
            dependencies: [
                "Archiver", "Archive", "Daemon", "IMAPClient", "IMAPCore", "TestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]),
    ],
    swiftLanguageModes: [.v6]
)
