// swift-tools-version:6.0
import PackageDescription

// libFuzzer targets, kept out of the main package: their executables have no `main` of their own (libFuzzer
// provides it), so they build only with `--sanitize=fuzzer`. Run them with scripts/fuzz.sh.
let package = Package(
    name: "mailsift-fuzz",
    dependencies: [.package(name: "mailsift", path: "..")],
    targets: [
        .executableTarget(
            name: "FuzzMessageParser",
            dependencies: [.product(name: "MailMessage", package: "mailsift")]
        )
    ],
    swiftLanguageModes: [.v6]
)
