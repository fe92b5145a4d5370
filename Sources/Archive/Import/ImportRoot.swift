import Glibc

/// The paths an administrator names, made absolute and free of symbolic links before anything below them is read.
///
/// A link in a named path is followed only when root or the invoking user owns it: those links are the
/// administrator's own (`/var/mail` → `/srv/mail`). A link owned by anyone else is refused, so that a root-run
/// `mailsift archive import … /home/jeanne/Maildir` cannot be led by Jeanne, who owns that name, into
/// `/root/Maildir` or `/etc`. The result is then opened one component at a time without following links
/// (`ImportTree.open`), so a folder swapped for a link after this check is refused too.
enum ImportRoot {
    /// Links followed while resolving one path, as the kernel's own limit.
    static let maxLinks = 40

    static func resolve(_ path: String) throws(ArchiveError) -> String {
        guard !path.isEmpty else { throw .input("an empty path was given") }
        var pending = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        var resolved: [String] = path.hasPrefix("/") ? [] : try currentFolder()
        var linksFollowed = 0
        while !pending.isEmpty {
            let component = pending.removeFirst()
            if component == "." { continue }
            if component == ".." {
                _ = resolved.popLast()
                continue
            }
            let candidate = "/" + (resolved + [component]).joined(separator: "/")
            var status = stat()
            guard lstat(candidate, &status) == 0 else {
                throw .input("\(path): \(candidate): \(String(cString: strerror(errno)))")
            }
            guard status.st_mode & S_IFMT == S_IFLNK else {
                resolved.append(component)
                continue
            }
            guard status.st_uid == 0 || status.st_uid == geteuid() else {
                throw .input(
                    "\(path): \(candidate) is a symbolic link owned by user \(status.st_uid), not by root or by you:"
                        + " not followed (name the folder it points to if it is really to be imported)")
            }
            linksFollowed += 1
            guard linksFollowed <= maxLinks else { throw .input("\(path): too many symbolic links") }
            let target = try readLink(candidate)
            if target.hasPrefix("/") { resolved = [] }
            pending = target.split(separator: "/", omittingEmptySubsequences: true).map(String.init) + pending
        }
        return "/" + resolved.joined(separator: "/")
    }

    private static func readLink(_ path: String) throws(ArchiveError) -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink(path, &buffer, buffer.count - 1)
        guard count >= 0 else { throw .input("\(path): \(String(cString: strerror(errno)))") }
        return String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private static func currentFolder() throws(ArchiveError) -> [String] {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard getcwd(&buffer, buffer.count) != nil else {
            throw .input("the current folder cannot be found: \(String(cString: strerror(errno)))")
        }
        let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        return String(decoding: bytes, as: UTF8.self).split(separator: "/").map(String.init)
    }
}
