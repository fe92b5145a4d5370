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
        for file in files {
            let source = try SieveFiles.read(file)
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

/// Finding and reading script files for the commands.
enum SieveFiles {
    static func expand(_ paths: [String]) throws -> [String] {
        var files: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw ValidationError("\(path): no such file or folder")
            }
            if isDirectory.boolValue {
                let names = try FileManager.default.contentsOfDirectory(atPath: path)
                    .filter { $0.hasSuffix(".sieve") && !$0.hasPrefix(".") }.sorted()
                files += names.map { (path as NSString).appendingPathComponent($0) }
            } else {
                files.append(path)
            }
        }
        return files
    }

    /// Include lookup in a folder: `:personal NAME` is FOLDER/NAME.sieve, `:global NAME` FOLDER/global/NAME.sieve.
    /// Names were checked by the compiler (no `/`), so nothing outside these folders can be read.
    static func includeResolver(personal folder: String, global: String? = nil) -> IncludeResolver {
        let globalFolder = global ?? (folder as NSString).appendingPathComponent("global")
        return IncludeResolver { location, name in
            guard IncludeResolver.isValidName(name) else { return nil }
            let base = location == .personal ? folder : globalFolder
            let path = (base as NSString).appendingPathComponent(name + ".sieve")
            return FileManager.default.contents(atPath: path).map { [UInt8]($0) }
        }
    }

    static func read(_ path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ValidationError("\(path): cannot be read")
        }
        return [UInt8](data)
    }
}
