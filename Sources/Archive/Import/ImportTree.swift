import Glibc

/// Reads the folders an administrator imports without ever leaving them: below the path given, no symbolic link
/// is followed (a user's Maildir linking `cur/1:2,S` to `/etc/shadow` must not put that file in an archive the
/// user can read), and only regular files are read (a FIFO or a device would block or never end).
///
/// Every path is walked one component at a time with `openat(O_NOFOLLOW)` from the root, so a folder swapped
/// for a link between listing and reading is refused too. (The importer keeps the folder of the file it read
/// last open for the next file in it, `FolderCache`: a folder swapped after that is not followed either, since
/// its files are opened relative to the folder that was walked.) The path named is resolved first (`ImportRoot`): its
/// links are followed only when root or the invoking user owns them.
enum ImportTree {
    /// What a folder entry is, as the entry itself says (never what a link points to).
    enum Kind: Equatable {
        case folder, file
        /// Not read, with the reason in words.
        case skipped(String)
    }

    struct Entry {
        let name: String
        let kind: Kind
    }

    /// A file opened for reading, with what `fstat` said of it.
    struct OpenFile: ~Copyable {
        let descriptor: Int32
        let size: Int
        let modificationTime: Int64

        deinit { close(descriptor) }
    }

    /// Opens `components` below `root` (absolute and free of links: `ImportRoot.resolve`) as a folder
    /// (`folder: true`) or a regular file. Every component from `/` on is opened with O_NOFOLLOW.
    static func open(root: String, _ components: [String], folder: Bool) throws(ArchiveError) -> Int32 {
        let shown = ([root] + components).joined(separator: "/")
        let rootParts = root.split(separator: "/").map(String.init)
        var descriptor = Glibc.open("/", O_RDONLY | O_CLOEXEC | O_DIRECTORY)
        guard descriptor >= 0 else { throw .input("\(shown): \(String(cString: strerror(errno)))") }
        let all = rootParts + components
        for (index, component) in all.enumerated() {
            let last = index == all.count - 1
            let flags = O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK | (last && !folder ? 0 : O_DIRECTORY)
            let next = openat(descriptor, component, flags)
            let code = errno
            close(descriptor)
            guard next >= 0 else {
                throw .input(
                    code == ELOOP ? "\(shown): \(symbolicLinkReason)" : "\(shown): \(String(cString: strerror(code)))")
            }
            descriptor = next
        }
        return descriptor
    }

    static let symbolicLinkReason =
        "is a symbolic link: not followed (import reads only what lies inside the folders it is given)"

    /// A regular file's descriptor, size and modification time; any other kind of file is refused unread, before
    /// any `open`: opening a device has effects of its own (a tape rewinds, a watchdog starts), whether an
    /// administrator names it or it appears in a folder. Its folder is walked once: the entry is looked at
    /// (`fstatat`, no link followed) and opened relative to it; `fstat` after the open still decides.
    static func openFile(root: String, _ components: [String]) throws(ArchiveError) -> OpenFile {
        let shown = ([root] + components).joined(separator: "/")
        let all = root.split(separator: "/").map(String.init) + components
        guard let name = all.last else { throw .input("\(shown): is a folder where a file was expected: not read") }
        let parent = try open(root: "/", Array(all.dropLast()), folder: true)
        defer { close(parent) }
        return try openFile(named: name, in: parent, shown: shown)
    }

    /// The regular file `name` of the folder open as `parent` (opened by `open`), as `openFile(root:_:)` opens it;
    /// `shown` names it in errors.
    static func openFile(named name: String, in parent: Int32, shown: String) throws(ArchiveError) -> OpenFile {
        var status = stat()
        guard fstatat(parent, name, &status, AT_SYMLINK_NOFOLLOW) == 0 else {
            throw .input("\(shown): \(String(cString: strerror(errno)))")
        }
        guard status.st_mode & S_IFMT == S_IFREG else { throw .input("\(shown): \(describe(mode: status.st_mode))") }
        let descriptor = openat(parent, name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
        guard descriptor >= 0 else {
            let code = errno
            throw .input(
                code == ELOOP ? "\(shown): \(symbolicLinkReason)" : "\(shown): \(String(cString: strerror(code)))")
        }
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
            let reason = describe(mode: status.st_mode)
            close(descriptor)
            throw .input("\(shown): \(reason)")
        }
        return OpenFile(
            descriptor: descriptor, size: Int(status.st_size), modificationTime: Int64(status.st_mtim.tv_sec))
    }

    /// The entries of an open folder, sorted by name, each classified without following links. Names that are
    /// not UTF-8 are reported as skipped (they could not be named again to open them).
    static func entries(ofFolder descriptor: Int32, path: String) throws(ArchiveError) -> [Entry] {
        let listing = dup(descriptor)
        guard listing >= 0, let directory = fdopendir(listing) else {
            if listing >= 0 { close(listing) }
            throw .input("\(path): \(String(cString: strerror(errno)))")
        }
        defer { closedir(directory) }
        var result: [Entry] = []
        while let entry = readdir(directory) {
            let raw = withUnsafeBytes(of: entry.pointee.d_name) { Array($0.prefix { $0 != 0 }) }
            guard raw != Array(".".utf8), raw != Array("..".utf8) else { continue }
            guard let name = String(validating: raw, as: UTF8.self) else {
                let shown = String(decoding: raw, as: UTF8.self)
                result.append(Entry(name: shown, kind: .skipped("has a name that is not UTF-8: not read")))
                continue
            }
            var status = stat()
            guard fstatat(descriptor, name, &status, AT_SYMLINK_NOFOLLOW) == 0 else {
                result.append(Entry(name: name, kind: .skipped(String(cString: strerror(errno)))))
                continue
            }
            switch status.st_mode & S_IFMT {
            case S_IFDIR: result.append(Entry(name: name, kind: .folder))
            case S_IFREG: result.append(Entry(name: name, kind: .file))
            default: result.append(Entry(name: name, kind: .skipped(describe(mode: status.st_mode))))
            }
        }
        return result.sorted { $0.name < $1.name }
    }

    /// Reads the whole of an open regular file, refusing one over `limit` bytes (checked again while reading:
    /// the file may grow). The size `fstat` gave is read straight into the result, with one byte more to see the
    /// end; only a file that grew meanwhile is read on in chunks.
    static func read(_ file: borrowing OpenFile, limit: Int, path: String) throws(ArchiveError) -> [UInt8] {
        guard file.size <= limit else { throw .input("\(path): \(file.size) bytes, more than the limit of \(limit)") }
        let descriptor = file.descriptor
        var failure: Int32?
        var bytes = [UInt8](unsafeUninitializedCapacity: file.size + 1) { buffer, count in
            while count < buffer.count {
                let read = Glibc.read(descriptor, buffer.baseAddress! + count, buffer.count - count)
                if read < 0 && errno == EINTR { continue }
                guard read >= 0 else {
                    failure = errno
                    return
                }
                if read == 0 { return }
                count += read
            }
        }
        if let failure { throw .input("\(path): \(String(cString: strerror(failure)))") }
        guard bytes.count > file.size else { return bytes }
        // Grew since fstat: read on, still bounded.
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            guard bytes.count <= limit else {
                throw .input("\(path): grew past the limit of \(limit) bytes while it was read")
            }
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress!, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { throw .input("\(path): \(String(cString: strerror(errno)))") }
            if count == 0 { return bytes }
            guard bytes.count + count <= limit else {
                throw .input("\(path): grew past the limit of \(limit) bytes while it was read")
            }
            bytes.append(contentsOf: chunk[0..<count])
        }
    }

    private static func describe(mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFLNK: return symbolicLinkReason
        case S_IFIFO: return "is a FIFO, not a file: not read"
        case S_IFCHR, S_IFBLK: return "is a device, not a file: not read"
        case S_IFSOCK: return "is a socket, not a file: not read"
        case S_IFDIR: return "is a folder where a file was expected: not read"
        default: return "is not a regular file: not read"
        }
    }
}
