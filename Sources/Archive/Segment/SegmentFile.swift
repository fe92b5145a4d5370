import Glibc

/// One open segment file: positional reads and writes with every error named, fsync, and cache dropping so
/// that the read-back after a write comes from the disk rather than from memory where that is possible.
final class SegmentFile {
    let path: String
    private let descriptor: Int32

    /// Opens the segment at `path`; a writer creates it if need be, with `modes` set on it when given.
    init(path: String, writable: Bool, modes: FileModes? = nil) throws(ArchiveError) {
        self.path = path
        if writable, let modes {
            descriptor = try modes.openArchiveFile(path)
            return
        }
        let flags = writable ? (O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC) : (O_RDONLY | O_CLOEXEC)
        let fd = open(path, flags, 0o600)
        guard fd >= 0 else { throw .io("cannot open segment \(path)", errno: errno) }
        descriptor = fd
    }

    deinit { close(descriptor) }

    func size() throws(ArchiveError) -> Int {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw .io("cannot stat \(path)", errno: errno) }
        return Int(info.st_size)
    }

    /// Writes all of `bytes` at `offset`; a short write (a full disk) is an error, never silent.
    func write(_ bytes: [UInt8], at offset: Int) throws(ArchiveError) {
        var done = 0
        while done < bytes.count {
            let written = bytes.withUnsafeBytes { raw in
                pwrite(descriptor, raw.baseAddress! + done, raw.count - done, off_t(offset + done))
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw .io("cannot write to \(path)", errno: errno)
            }
            if written == 0 { throw .io("cannot write to \(path)", errno: ENOSPC) }
            done += written
        }
    }

    /// Reads exactly `length` bytes at `offset`, or fails saying the file is shorter.
    func read(at offset: Int, length: Int) throws(ArchiveError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: length)
        var done = 0
        while done < length {
            let count = bytes.withUnsafeMutableBytes { raw in
                pread(descriptor, raw.baseAddress! + done, length - done, off_t(offset + done))
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw .io("cannot read \(path)", errno: errno)
            }
            if count == 0 { throw .corruptBlock("\(path) ends at \(offset + done), before the block it should hold") }
            done += count
        }
        return bytes
    }

    func sync() throws(ArchiveError) {
        guard fsync(descriptor) == 0 else { throw .io("cannot fsync \(path)", errno: errno) }
    }

    /// Asks the kernel to forget the cached pages (after fsync they are clean), so a read-back goes to disk.
    func dropCache() {
        _ = posix_fadvise(descriptor, 0, 0, Int32(POSIX_FADV_DONTNEED))
    }

    func truncate(to length: Int) throws(ArchiveError) {
        guard ftruncate(descriptor, off_t(length)) == 0 else { throw .io("cannot truncate \(path)", errno: errno) }
    }
}
