import Glibc

/// The modes of everything an archive or an export creates. An archive holds private mail: files 0600 and
/// folders 0700 by default, or 0640 and 0750 when the archive is to be shared with a group
/// (`ArchiveOptions.groupReadable`). They are set exactly (fchmod after creation), whatever the process's
/// umask: a umask of 022 would otherwise leave the catalogue, whose index holds every message's text, readable
/// by every user of the machine.
public struct FileModes: Sendable, Hashable {
    public var file: mode_t
    public var folder: mode_t

    public static let `private` = FileModes(file: 0o600, folder: 0o700)
    public static let group = FileModes(file: 0o640, folder: 0o750)

    /// Creates `path` and any missing parent, each new folder with `folder`'s mode. Folders that already exist
    /// are left as they are (a parent such as /var/lib is not the archive's to change).
    func makeFolders(_ path: String) throws(ArchiveError) {
        var prefix = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            prefix += "/" + component
            if mkdir(prefix, folder) == 0 {
                try Self.setMode(of: prefix, to: folder, flags: O_RDONLY | O_DIRECTORY)
                continue
            }
            let code = errno
            var info = stat()
            guard code == EEXIST, stat(prefix, &info) == 0 else {
                throw .io("cannot create the folder \(prefix)", errno: code)
            }
            guard info.st_mode & S_IFMT == S_IFDIR else { throw .io("\(prefix) exists and is not a folder") }
        }
    }

    /// Sets the mode of the file of an archive at `path`, if it exists and belongs to this user (a file created
    /// by an older version, or by SQLite under the umask, is brought to the configured mode).
    func protectExisting(_ path: String) throws(ArchiveError) {
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else {
            if errno == ENOENT { return }
            throw .io("cannot open \(path)", errno: errno)
        }
        defer { close(fd) }
        try Self.setMode(fd, path: path, to: file)
    }

    /// Opens (creating it if need be) the file of an archive at `path`, never through a symbolic link, with this
    /// mode set on it when it belongs to this user. The caller closes the descriptor.
    func openArchiveFile(_ path: String, flags: Int32 = O_RDWR) throws(ArchiveError) -> Int32 {
        let fd = open(path, flags | O_CREAT | O_NOFOLLOW | O_CLOEXEC, file)
        guard fd >= 0 else { throw .io("cannot open \(path)", errno: errno) }
        do throws(ArchiveError) { try Self.setMode(fd, path: path, to: file) } catch {
            close(fd)
            throw error
        }
        return fd
    }

    /// Creates a new file at `path` for writing: never an existing one, never through a symbolic link (even a
    /// dangling one), in one system call, so nothing can slip in between a check and the creation.
    func createNewFile(_ path: String, in folder: Int32 = AT_FDCWD, shownAs shown: String? = nil) throws(ArchiveError)
        -> Int32
    {
        let fd = openat(folder, path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, file)
        guard fd >= 0 else {
            let code = errno
            if code == EEXIST {
                throw .input("\(shown ?? path) already exists (a file, a folder or a link); exporting never overwrites")
            }
            throw .io("cannot create \(shown ?? path)", errno: code)
        }
        guard fchmod(fd, file) == 0 else {
            let code = errno
            close(fd)
            throw .io("cannot set the mode of \(shown ?? path)", errno: code)
        }
        return fd
    }

    private static func setMode(of path: String, to mode: mode_t, flags: Int32) throws(ArchiveError) {
        let fd = open(path, flags | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { throw .io("cannot open \(path)", errno: errno) }
        defer { close(fd) }
        try setMode(fd, path: path, to: mode)
    }

    /// fchmod, when the mode differs and the file is this user's (root or another user may open an archive
    /// they do not own; its modes are then its owner's business).
    private static func setMode(_ fd: Int32, path: String, to mode: mode_t) throws(ArchiveError) {
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .io("cannot stat \(path)", errno: errno) }
        guard info.st_mode & 0o7777 != mode, info.st_uid == geteuid() else { return }
        guard fchmod(fd, mode) == 0 else { throw .io("cannot set the mode of \(path)", errno: errno) }
    }
}
