// swift-tools-version:6.0
import PackageDescription

// libFuzzer targets, kept out of the main package: their executables have no `main` of their own (libFuzzer
// provides it), so they build only with `--sanitize=fuzzer`. Run them with scripts/fuzz.sh.
//
// The modules under test are compiled here again, through symlinks to ../Sources, rather than taken as a
// package dependency: SwiftPM does not instrument a dependency package for coverage, and without coverage
// libFuzzer only tries random bytes.
let package = Package(
    name: "mailsift-fuzz",
    dependencies: [.package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3")],
    targets: [
        .target(name: "MailMessage"),
        .target(name: "Sieve", dependencies: ["MailMessage", .product(name: "Crypto", package: "swift-crypto")]),
        .executableTarget(name: "FuzzMessageParser", dependencies: ["MailMessage"]),
        .executableTarget(name: "FuzzSieveCompiler", dependencies: ["Sieve", "MailMessage"]),
        .systemLibrary(name: "CZlib"),
        .target(name: "MailboxFormats", dependencies: ["CZlib"]),
        .executableTarget(name: "FuzzMailboxFormats", dependencies: ["MailboxFormats"]),
        .target(name: "IMAPCore"),
        .executableTarget(name: "FuzzIMAPResponse", dependencies: ["IMAPCore"]),
    ],
    swiftLanguageModes: [.v6]
)
