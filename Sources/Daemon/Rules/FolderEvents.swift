import Dispatch
import Foundation
import Glibc

/// Tells when something changed in a set of folders, through inotify: a file written and closed, created,
/// renamed into or out of the folder, deleted, or the folder itself removed or renamed. Editors that save to a
/// temporary file and rename it into place show as a rename: it counts like a write.
///
/// Events say which watched folders changed, not how: the caller looks at those folders again (and at all of
/// them when the kernel's queue overflowed, or now and then anyway, so a lost event only delays a change).
final class FolderEvents: @unchecked Sendable {
    private let descriptor: Int32
    private let source: DispatchSourceRead
    private let lock = NSLock()
    private var watches: [String: Int32] = [:]
    private var paths: [Int32: String] = [:]
    /// Folders changed since the last `takeChanged()`; nil after an overflow: all of them.
    private var changed: Set<String>? = []
    private let continuation: AsyncStream<Void>.Continuation
    /// One element per burst of changes: then `takeChanged()` says which folders.
    let changes: AsyncStream<Void>

    static let mask = UInt32(
        IN_CLOSE_WRITE | IN_CREATE | IN_MOVED_TO | IN_MOVED_FROM | IN_DELETE | IN_DELETE_SELF | IN_MOVE_SELF | IN_ATTRIB
    )

    init() throws(DaemonError) {
        descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard descriptor >= 0 else {
            throw .rules("cannot watch rule folders (inotify): \(String(cString: strerror(errno)))")
        }
        (changes, continuation) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(1))
        source = DispatchSource.makeReadSource(
            fileDescriptor: descriptor, queue: DispatchQueue(label: "mailsift.rules"))
        let descriptor = self.descriptor
        source.setEventHandler { [weak self] in
            var buffer = [UInt8](repeating: 0, count: 64 * 1024)
            while true {
                let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
                guard count > 0 else { break }
                self?.note(buffer[0..<count])
            }
            self?.continuation.yield()
        }
        source.setCancelHandler { _ = Glibc.close(descriptor) }
        source.resume()
    }

    /// Reads the watch descriptors out of a buffer of `inotify_event`s (16 bytes, then `len` bytes of name).
    private func note(_ bytes: ArraySlice<UInt8>) {
        lock.lock()
        defer { lock.unlock() }
        var offset = bytes.startIndex
        while offset + 16 <= bytes.endIndex {
            func word(_ at: Int) -> UInt32 {
                (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[offset + at + $1]) << (8 * UInt32($1)) }
            }
            let watch = Int32(bitPattern: word(0))
            let mask = word(4)
            let length = Int(word(12))
            if mask & UInt32(IN_Q_OVERFLOW) != 0 {
                changed = nil
            } else if let path = paths[watch] {
                changed?.insert(path)
                // The folder went (removed, or renamed away): the kernel dropped the watch; a folder of that name
                // is watched again when it exists.
                if mask & UInt32(IN_IGNORED) != 0 {
                    paths[watch] = nil
                    watches[path] = nil
                }
            }
            offset += 16 + length
        }
    }

    /// The folders changed since the last call; nil when events were lost (look at every folder).
    func takeChanged() -> Set<String>? {
        lock.lock()
        defer { lock.unlock() }
        defer { changed = [] }
        return changed
    }

    /// Watches `paths` (folders; those missing are skipped and watched once they exist, at the next `watch`),
    /// and stops watching those no longer named.
    func watch(_ paths: Set<String>) {
        lock.lock()
        defer { lock.unlock() }
        for (path, watch) in watches where !paths.contains(path) {
            inotify_rm_watch(descriptor, watch)
            watches[path] = nil
            self.paths[watch] = nil
        }
        for path in paths where watches[path] == nil {
            let watch = inotify_add_watch(descriptor, path, Self.mask | UInt32(IN_ONLYDIR))
            if watch >= 0 {
                watches[path] = watch
                self.paths[watch] = path
            }
        }
    }

    /// The folders now watched (those that existed at the last `watch`).
    var watched: Set<String> {
        lock.lock()
        defer { lock.unlock() }
        return Set(watches.keys)
    }

    func stop() {
        continuation.finish()
        source.cancel()
    }

    deinit { stop() }
}
