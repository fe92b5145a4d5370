import ArgumentParser
import Foundation
import Glibc

/// Reads a message file for the commands, with an error a person can act on.
enum MessageFile {
    /// Files above this size are refused rather than read whole into memory.
    static let maxBytes = 256 << 20

    static func read(_ path: String) throws -> [UInt8] {
        if path == "-" { return try readStandardInput() }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ValidationError("\(path): no such file")
        }
        guard !isDirectory.boolValue else { throw ValidationError("\(path): is a folder, not a message file") }
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        if let size = attributes?[.size] as? Int, size > maxBytes {
            throw ValidationError("\(path): \(size) bytes is larger than the \(maxBytes >> 20) MiB a message may have")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ValidationError("\(path): cannot be read (permissions?)")
        }
        return [UInt8](data)
    }

    /// Standard input in chunks, stopping one byte past the limit: a pipe has no size to check first, and
    /// reading it all before checking would hold any amount of it in memory.
    static func readStandardInput(limit: Int = maxBytes) throws -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 << 10)
        while bytes.count <= limit {
            let wanted = min(chunk.count, limit + 1 - bytes.count)
            let got = chunk.withUnsafeMutableBytes { Glibc.read(STDIN_FILENO, $0.baseAddress!, wanted) }
            if got == 0 { return bytes }
            if got < 0 {
                let code = errno
                if code == EINTR { continue }
                throw ValidationError("standard input: cannot be read (\(String(cString: strerror(code))))")
            }
            bytes.append(contentsOf: chunk[0..<got])
        }
        throw ValidationError(
            "standard input: more than the \(limit >> 20) MiB a message may have (stopped reading there)")
    }
}
