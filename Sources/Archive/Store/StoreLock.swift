import Glibc

/// An exclusive lock on a store's `lock` file (flock), so that two writers — the daemon and an import, say —
/// never append to the same segments. Released when the process ends, however it ends.
final class StoreLock {
    private let descriptor: Int32

    init(directory: String) throws(ArchiveError) {
        let path = directory + "/lock"
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o640)
        guard fd >= 0 else { throw .io("cannot open \(path)", errno: errno) }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            throw .inUse("the archive \(directory) is being written by another process; try again when it is done")
        }
        descriptor = fd
    }

    deinit { close(descriptor) }
}
