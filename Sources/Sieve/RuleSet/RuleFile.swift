import Glibc

/// Reads one rule file so that nothing outside its folder is ever read and nothing can block: a rule folder
/// belongs to a user, and the daemon or an administrator may read it as root.
///
/// - A symbolic link is followed only when it resolves (realpath) to a file inside the same folder; one that
///   leads out is refused, naming the link, without opening its target (so no error message can quote a
///   file the user may not read).
/// - Only regular files are read: a FIFO, a socket, a device or a folder named `x.sieve` is refused before
///   it is opened, and the file is opened with O_NONBLOCK and checked again with fstat (it could have been
///   swapped in between).
/// - At most `limit` + 1 bytes are read, so a huge file costs nothing and is still reported as too large.
public enum RuleFile {
    public enum Failure: Error, Equatable, Sendable {
        /// Nothing is there (ENOENT).
        case missing
        /// Something is there but is not read: why, in words for the user, never quoting the file.
        case refused(String)
    }

    public static func read(_ path: String, within folder: String, limit: Int = SieveLimits.default.maxScriptSize)
        -> Result<[UInt8], Failure>
    {
        var status = stat()
        guard lstat(path, &status) == 0 else {
            return errno == ENOENT ? .failure(.missing) : .failure(.refused("cannot be read: \(describeErrno())"))
        }
        var target = path
        if status.st_mode & S_IFMT == S_IFLNK {
            guard let resolved = realPath(path) else {
                return .failure(.refused("is a symbolic link that leads nowhere"))
            }
            guard let base = realPath(folder), resolved.hasPrefix(base.hasSuffix("/") ? base : base + "/") else {
                return .failure(.refused("is a symbolic link that leads out of its folder: it is not followed"))
            }
            guard lstat(resolved, &status) == 0 else { return .failure(.refused("cannot be read: \(describeErrno())")) }
            target = resolved
        }
        if let kind = irregularKind(status.st_mode) {
            return .failure(.refused("is \(kind), not a regular file: it is skipped"))
        }
        let descriptor = open(target, O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { return .failure(.refused("cannot be read: \(describeErrno())")) }
        defer { close(descriptor) }
        guard fstat(descriptor, &status) == 0 else { return .failure(.refused("cannot be read: \(describeErrno())")) }
        if let kind = irregularKind(status.st_mode) {
            return .failure(.refused("is \(kind), not a regular file: it is skipped"))
        }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while bytes.count <= limit {
            let count = chunk.withUnsafeMutableBytes {
                Glibc.read(descriptor, $0.baseAddress, min($0.count, limit + 1 - bytes.count))
            }
            if count < 0 {
                if errno == EINTR { continue }
                return .failure(.refused("cannot be read: \(describeErrno())"))
            }
            if count == 0 { break }
            bytes += chunk[0..<count]
        }
        return .success(bytes)
    }

    private static func irregularKind(_ mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFREG: nil
        case S_IFDIR: "a folder"
        case S_IFIFO: "a FIFO"
        case S_IFSOCK: "a socket"
        case S_IFCHR, S_IFBLK: "a device"
        case S_IFLNK: "a symbolic link"
        default: "not a file"
        }
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    private static func describeErrno() -> String {
        String(cString: strerror(errno))
    }
}
