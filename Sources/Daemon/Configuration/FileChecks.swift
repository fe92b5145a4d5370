#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What the loader checks about the files and folders a configuration names (`ConfigurationLoadOptions.checkFiles`),
/// so that a wrong path is found at load, with its line, and not at the first connection hours later.
enum FileChecks {
    static func folderProblem(_ path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0 else { return "\(path): \(errnoText())" }
        guard info.st_mode & S_IFMT == S_IFDIR else { return "\(path) is not a folder" }
        return nil
    }

    static func readableFileProblem(_ path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0 else { return "\(path): \(errnoText())" }
        guard info.st_mode & S_IFMT == S_IFREG else { return "\(path) is not a regular file" }
        guard access(path, R_OK) == 0 else { return "\(path): \(errnoText())" }
        return nil
    }

    /// A `password_command` program: with a slash, that file; without, the first in `searchPath` (as posix_spawnp
    /// will look for it). It must be an executable regular file.
    static func programProblem(_ program: String, searchPath: String?) -> String? {
        if program.contains("/") { return executableProblem(program) }
        let folders = (searchPath ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":").prefix(256)
        for folder in folders where executableProblem(String(folder) + "/" + program) == nil { return nil }
        return "\(program) is not found in PATH"
    }

    private static func executableProblem(_ path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0 else { return "\(path): \(errnoText())" }
        guard info.st_mode & S_IFMT == S_IFREG else { return "\(path) is not a regular file" }
        guard access(path, X_OK) == 0 else { return "\(path) is not executable" }
        return nil
    }

    /// The `*.toml` files of `accounts_dir` in name order, skipping hidden ones (editors' temporary files start with a
    /// dot). At most `limit` names are looked at: a folder with more is refused rather than read without end.
    static func accountFiles(in folder: String, limit: Int) -> Result<[String], FileCheckError> {
        guard let directory = opendir(folder) else {
            return .failure(FileCheckError(message: "\(folder): \(errnoText())"))
        }
        defer { closedir(directory) }
        var names: [String] = []
        var seen = 0
        while let entry = readdir(directory) {
            seen += 1
            guard seen <= limit + 2 else {
                return .failure(FileCheckError(message: "\(folder) holds more than \(limit) entries"))
            }
            let name = withUnsafePointer(to: &entry.pointee.d_name) {
                String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self))
            }
            if name.hasPrefix(".") || !name.hasSuffix(".toml") { continue }
            names.append(name)
        }
        return .success(
            names.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }.map { folder + "/" + $0 })
    }
}

struct FileCheckError: Error {
    let message: String
}

/// Whether a host is this machine: `localhost`, 127.0.0.0/8, `::1` (with or without brackets). Only there may
/// `security = "plain"` be used without `allow_plaintext = true`. No name is resolved: `localhost` is taken at its
/// word, any other name counts as off loopback.
enum HostAddress {
    static func isLoopback(_ host: String) -> Bool {
        let name = host.lowercased()
        if name == "localhost" { return true }
        var v4 = in_addr()
        if inet_pton(AF_INET, name, &v4) == 1 { return UInt32(bigEndian: v4.s_addr) >> 24 == 127 }
        let bare = name.hasPrefix("[") && name.hasSuffix("]") ? String(name.dropFirst().dropLast()) : name
        var v6 = in6_addr()
        if inet_pton(AF_INET6, bare, &v6) == 1 {
            return withUnsafeBytes(of: &v6) { Array($0) } == [UInt8](repeating: 0, count: 15) + [1]
        }
        return false
    }
}
