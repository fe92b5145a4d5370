import ArgumentParser
import Foundation
import Sieve

/// `mailsift check FILE|DIR…`: compiles Sieve scripts and prints every error as `file:line:col: error: …`.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Compile Sieve scripts and report every error with its file, line and column."
    )

    @Argument(help: "Sieve scripts, or folders whose .sieve files are checked in name order.")
    var paths: [String]

    func run() throws {
        var failed = 0
        let files = try SieveFiles.expand(paths)
        for entry in files {
            let file = entry.path
            let source: [UInt8]
            switch SieveFiles.read(entry) {
            case .success(let bytes): source = bytes
            case .failure(let problem):
                // Not read at all (a link out of the folder, a FIFO, a folder…): an error, never a hang.
                print("\(file): error: \(problem.reason)")
                failed += 1
                continue
            }
            let url = URL(fileURLWithPath: file)
            let result = SieveCompiler.compile(
                source, name: (.personal, url.deletingPathExtension().lastPathComponent),
                includes: SieveFiles.includeResolver(personal: url.deletingLastPathComponent().path))
            for diagnostic in result.diagnostics { print(diagnostic.formatted(file: file)) }
            if result.script == nil { failed += 1 } else { print("\(file): ok") }
        }
        if failed > 0 {
            print("\(failed) of \(files.count) scripts have errors")
            throw ExitCode(1)
        }
    }
}
