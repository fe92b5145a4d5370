import Glibc

/// An exclusive lock on a store's `lock` file (flock), so that two writers — the daemon and an import, say —
/// never append to the same segments. Released when the process ends, however it ends.
final class StoreLock {
    private let descriptor: Int32

    init(directory: String, modes: FileModes) throws(ArchiveError) {
        let fd = try modes.openArchiveFile(directory + "/lock")
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            throw .inUse("the archive \(directory) is being written by another process; try again when it is done")
        }
        descriptor = fd
    }

    /// Unlocked before it is closed: a child process spawned at that moment (a test's, or a password command's)
    /// shares the open file description until it execs, and closing alone would leave the lock held through it,
    /// turning the next writer of this process away.
    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
