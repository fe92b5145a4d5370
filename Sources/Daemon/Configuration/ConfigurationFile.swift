import Foundation
import TOMLKit

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One configuration file read and parsed: its table and where its keys are written. Bounded in size, refused
/// whole (with the line) when it is not UTF-8, holds a NUL, or is not TOML.
struct ConfigurationFile {
    let path: String
    let table: TOMLTable
    let lines: TOMLKeyLines
    /// The folder the file is in: relative paths written in it are taken from there.
    let directory: String

    static func load(_ path: String, maxBytes: Int, problems: ProblemCollector) -> ConfigurationFile? {
        let bytes: [UInt8]
        switch readBytes(path, maxBytes: maxBytes) {
        case .success(let read): bytes = read
        case .failure(let why):
            problems.error(path, 1, nil, why.message)
            return nil
        }
        if let nul = bytes.firstIndex(of: 0) {
            problems.error(path, lineNumber(of: nul, in: bytes), nil, "holds a NUL byte; a configuration is text")
            return nil
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            problems.error(path, lineNumber(of: firstInvalidUTF8(bytes), in: bytes), nil, "is not UTF-8 text")
            return nil
        }
        let lines = TOMLKeyLines(text: text)
        for line in lines.nulEscapes {
            problems.error(path, line, nil, "\\u0000 (NUL) cannot be used in a configuration value")
        }
        guard lines.nulEscapes.isEmpty else { return nil }
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            problems.error(path, max(1, error.source.begin.line), nil, "not valid TOML: \(error.description)")
            return nil
        } catch {
            problems.error(path, 1, nil, "not valid TOML: \(error)")
            return nil
        }
        return ConfigurationFile(path: path, table: table, lines: lines, directory: directoryOf(path))
    }

    struct ReadError: Error { let message: String }

    /// The file's bytes: a regular file (a FIFO or a device is refused, never waited on) of at most `maxBytes`.
    static func readBytes(_ path: String, maxBytes: Int) -> Result<[UInt8], ReadError> {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)
        guard fd >= 0 else { return .failure(ReadError(message: "cannot be opened: \(errnoText())")) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return .failure(ReadError(message: "cannot be read: \(errnoText())")) }
        guard info.st_mode & S_IFMT == S_IFREG else { return .failure(ReadError(message: "is not a regular file")) }
        guard info.st_size <= maxBytes else {
            return .failure(
                ReadError(message: "is \(info.st_size) bytes long; a configuration file has at most \(maxBytes)"))
        }
        var bytes = [UInt8](repeating: 0, count: maxBytes + 1)
        var count = 0
        while count < bytes.count {
            let n = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress! + count, $0.count - count) }
            if n < 0 && errno == EINTR { continue }
            guard n >= 0 else { return .failure(ReadError(message: "cannot be read: \(errnoText())")) }
            if n == 0 { break }
            count += n
        }
        guard count <= maxBytes else {
            return .failure(ReadError(message: "grew past \(maxBytes) bytes while being read"))
        }
        return .success(Array(bytes[..<count]))
    }

    static func lineNumber(of offset: Int, in bytes: [UInt8]) -> Int {
        1 + bytes[..<offset].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
    }

    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int {
        var iterator = bytes.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar): offset += scalar.count
            case .emptyInput: return offset
            case .error: return offset
            }
        }
    }

    /// The absolute folder of `path` (a relative one is taken from the current directory).
    static func directoryOf(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        let slash = absolute.lastIndex(of: "/")!
        return slash == absolute.startIndex ? "/" : String(absolute[..<slash])
    }
}
