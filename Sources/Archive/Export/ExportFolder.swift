import Glibc

/// A folder an export writes into, held open by descriptor: files and subfolders are created relative to it
/// (`openat`, `mkdirat`) with `O_EXCL | O_NOFOLLOW`, so a link planted in the destination, or a folder swapped
/// for one while the export runs, is never followed and nothing that exists is ever overwritten.
final class ExportFolder {
    /// The folder's path, for messages.
    let path: String
    private let descriptor: Int32
    private let modes: FileModes
    /// Subfolders this export created, by name (a Maildir's `.Sub`, its `cur`…).
    private var subfolders: [String: ExportFolder] = [:]

    private init(path: String, descriptor: Int32, modes: FileModes) {
        self.path = path
        self.descriptor = descriptor
        self.modes = modes
    }

    deinit { close(descriptor) }

    /// The destination folder: created (with its missing parents) when absent, or an existing empty folder —
    /// never a link to one, never a folder that holds anything.
    static func destination(_ path: String, modes: FileModes) throws(ArchiveError) -> ExportFolder {
        try makeParents(of: path, modes: modes)
        let created = mkdir(path, modes.folder) == 0
        if !created, errno != EEXIST { throw .io("cannot create the folder \(path)", errno: errno) }
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else {
            let code = errno
            if code == ELOOP || code == ENOTDIR {
                throw .input(
                    "\(path) exists and is not a folder (a file or a link); exporting never overwrites or follows links"
                )
            }
            throw .io("cannot open the folder \(path)", errno: code)
        }
        let folder = ExportFolder(path: path, descriptor: fd, modes: modes)
        // mkdir applied the umask: the mode of a folder made here is set exactly.
        if created, fchmod(fd, modes.folder) != 0 { throw .io("cannot set the mode of \(path)", errno: errno) }
        guard try folder.isEmpty() else {
            throw .input("\(path) exists and is not an empty folder; exporting never overwrites")
        }
        return folder
    }

    /// Creates the missing parents of `path` (folders with `modes`).
    static func makeParents(of path: String, modes: FileModes) throws(ArchiveError) {
        let parent = path.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        if !parent.isEmpty { try modes.makeFolders(parent) }
    }

    /// Subfolder `name` (one path component), created by this export: one that appeared otherwise is refused.
    func subfolder(_ name: String) throws(ArchiveError) -> ExportFolder {
        if let known = subfolders[name] { return known }
        let shown = path + "/" + name
        guard mkdirat(descriptor, name, modes.folder) == 0 else {
            if errno == EEXIST { throw .input("\(shown) already exists; exporting never overwrites") }
            throw .io("cannot create the folder \(shown)", errno: errno)
        }
        let fd = openat(descriptor, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { throw .io("cannot open the folder \(shown)", errno: errno) }
        // mkdirat applied the umask: the mode is set exactly.
        guard fchmod(fd, modes.folder) == 0 else {
            let code = errno
            close(fd)
            throw .io("cannot set the mode of \(shown)", errno: code)
        }
        let folder = ExportFolder(path: shown, descriptor: fd, modes: modes)
        subfolders[name] = folder
        return folder
    }

    /// Writes `bytes` to the new file `name` in this folder.
    func writeNewFile(_ name: String, _ bytes: [UInt8]) throws(ArchiveError) {
        let shown = path + "/" + name
        let fd = try modes.createNewFile(name, in: descriptor, shownAs: shown)
        defer { close(fd) }
        try Self.writeAll(fd, bytes, shownAs: shown)
    }

    /// All of `bytes` to `fd`; a short write is an error naming the file, never silent.
    static func writeAll(_ fd: Int32, _ bytes: [UInt8], shownAs shown: String) throws(ArchiveError) {
        var done = 0
        while done < bytes.count {
            let written = bytes.withUnsafeBytes { raw in Glibc.write(fd, raw.baseAddress! + done, raw.count - done) }
            if written < 0 {
                if errno == EINTR { continue }
                throw .io("cannot write \(shown)", errno: errno)
            }
            if written == 0 { throw .io("cannot write \(shown)", errno: ENOSPC) }
            done += written
        }
    }

    private func isEmpty() throws(ArchiveError) -> Bool {
        let copy = dup(descriptor)
        guard copy >= 0 else { throw .io("cannot list \(path)", errno: errno) }
        guard let listing = fdopendir(copy) else {
            let code = errno
            close(copy)
            throw .io("cannot list \(path)", errno: code)
        }
        defer { closedir(listing) }
        while let entry = readdir(listing) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.baseAddress!.assumingMemoryBound(to: CChar.self))
            }
            if name != "." && name != ".." { return false }
        }
        return true
    }
}
