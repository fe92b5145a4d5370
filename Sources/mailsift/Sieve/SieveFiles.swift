import ArgumentParser
import Foundation
import Sieve

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
