import Foundation
import Glibc

/// An exclusive lock on `state_dir/daemon.lock` (flock), held for the life of `mailsift run`: two daemons on one
/// state directory would file the same folders side by side, each unaware of the other's batches. The second is
/// refused at start, naming the first's pid. The kernel releases the lock when the process ends, however it ends
/// (a kill -9 leaves no stale lock). `mailsift sort` takes no lock: its batches are kept under keys of their own.
public final class DaemonLock: Sendable {
    private let descriptor: Int32

    public init(stateDirectory: String) throws(DaemonError) {
        let path = (stateDirectory as NSString).appendingPathComponent("daemon.lock")
        do {
            try FileManager.default.createDirectory(
                atPath: stateDirectory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw .stateStore("cannot create \(stateDirectory): \(error.localizedDescription)")
        }
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else { throw .stateStore("cannot open \(path): \(String(cString: strerror(errno)))") }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            var buffer = [UInt8](repeating: 0, count: 32)
            let count = pread(fd, &buffer, buffer.count, 0)
            let holder = count > 0 ? String(decoding: buffer[0..<count], as: UTF8.self) : "?"
            close(fd)
            throw .stateStore(
                "another mailsift run (pid \(holder.trimmingCharacters(in: .whitespacesAndNewlines))) is using \(stateDirectory); stop it first"
            )
        }
        // The holder's pid, for the message above.
        let pid = Array("\(getpid())\n".utf8)
        _ = ftruncate(fd, 0)
        _ = pid.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        descriptor = fd
    }

    /// Unlocked before it is closed: a child spawned at that moment shares the open file until it execs.
    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
