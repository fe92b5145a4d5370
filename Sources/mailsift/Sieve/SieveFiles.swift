import ArgumentParser
import Foundation
import Sieve

/// Finding and reading script files for the commands (each read through `RuleFile`).
enum SieveFiles {
    /// A script to compile: its path, and the folder it must stay within.
    struct Entry {
        var path: String
        var folder: String
    }

    static func expand(_ paths: [String]) throws -> [Entry] {
        var files: [Entry] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw ValidationError("\(path): no such file or folder")
            }
            if isDirectory.boolValue {
                let names = try FileManager.default.contentsOfDirectory(atPath: path)
                    .filter { $0.hasSuffix(".sieve") && !$0.hasPrefix(".") }.sorted()
                files += names.map { Entry(path: (path as NSString).appendingPathComponent($0), folder: path) }
            } else {
                let folder = (path as NSString).deletingLastPathComponent
                files.append(Entry(path: path, folder: folder.isEmpty ? "." : folder))
            }
        }
        return files
    }

    /// Include lookup in a folder: `:personal NAME` is FOLDER/NAME.sieve, `:global NAME` FOLDER/global/NAME.sieve.
    /// Names were checked by the compiler (no `/`), and `RuleFile` follows no link out of these folders.
    static func includeResolver(personal folder: String, global: String? = nil) -> IncludeResolver {
        let globalFolder = global ?? (folder as NSString).appendingPathComponent("global")
        return IncludeResolver { location, name in
            guard IncludeResolver.isValidName(name) else { return .missing }
            let base = location == .personal ? folder : globalFolder
            switch RuleFile.read((base as NSString).appendingPathComponent(name + ".sieve"), within: base) {
            case .success(let bytes): return .found(bytes)
            case .failure(.missing): return .missing
            case .failure(.refused(let reason)): return .refused(reason)
            }
        }
    }

    /// A script that is not read, and why (never quoting the file).
    struct Unreadable: Error, CustomStringConvertible {
        var path: String
        var reason: String
        var description: String { "\(path): \(reason)" }
    }

    static func read(_ entry: Entry) -> Result<[UInt8], Unreadable> {
        switch RuleFile.read(entry.path, within: entry.folder) {
        case .success(let bytes): return .success(bytes)
        case .failure(.missing):
            return .failure(Unreadable(path: entry.path, reason: "cannot be read: it does not exist"))
        case .failure(.refused(let reason)): return .failure(Unreadable(path: entry.path, reason: reason))
        }
    }

    /// A script named on the command line (it must stay within its own folder).
    static func read(_ path: String) throws -> [UInt8] {
        let folder = (path as NSString).deletingLastPathComponent
        return try read(Entry(path: path, folder: folder.isEmpty ? "." : folder)).get()
    }
}
