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
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2")
    ],
    targets: [
        .target(name: "MailMessage"),
        .target(name: "Sieve", dependencies: ["MailMessage"]),
        .executableTarget(
            name: "mailsift",
            dependencies: [
                "MailMessage",
                "Sieve",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "MailMessageTests", dependencies: ["MailMessage"]),
        .testTarget(name: "SieveTests", dependencies: ["Sieve"]),
        .testTarget(name: "CommandLineTests", dependencies: ["mailsift"]),
        .testTarget(name: "TestServerTests"),
    ],
    swiftLanguageModes: [.v6]
)
