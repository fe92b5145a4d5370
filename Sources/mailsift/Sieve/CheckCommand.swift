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
    var paths: [String] = []

    @OptionGroup var daemonConfiguration: CheckConfigOptions

    func run() throws {
        if try daemonConfiguration.runIfGiven(scripts: paths) { return }
        var folders: [Bool] = []
        for path in paths {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
                throw ValidationError("\(path): no such file or folder")
            }
            folders.append(isFolder.boolValue)
        }
        var failed = 0
        var total = 0
        for (path, isFolder) in zip(paths, folders) {
            // A file named alone is read only within its own folder, as a folder's files are within it: a link
            // out of the folder, a FIFO or a folder named x.sieve is an error, never a hang.
            let rules = isFolder ? RuleSet.load([RuleFolder(path: path)]) : RuleSet.load(files: [path])
            for report in rules.reports {
                for line in report.lines { print(line) }
                if report.hasErrors { failed += 1 } else { print("\(report.path): ok") }
            }
            total += rules.reports.count
        }
        if failed > 0 {
            print("\(failed) of \(total) scripts have errors")
            throw ExitCode(1)
        }
    }
}
