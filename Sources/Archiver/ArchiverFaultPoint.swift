#if DEBUG
    import Glibc
    import Synchronization
#endif

/// Named places in an archive run where a test stops it, as the store's own fault points do
/// (`Archive.FaultPoint`): through `MAILSIFT_ARCHIVER_FAULT=NAME` (the first time the place is reached) or
/// `NAME:N` (the N-th time) the process is killed (`kill -9`), and through `ArchiveRunOptions.fault` a test
/// running in-process throws there instead. Each place is one where a crash must lose nothing and duplicate
/// nothing: the next run finds every message on the server, in the archive, or both, and each once in the archive.
///
/// Only debug builds (which every `swift test` runs) read the variable: a release build ignores it.
public enum ArchiverFaultPoint: String, Sendable, CaseIterable {
    /// A batch is archived and its copies checked against the server's bytes; nothing is deleted yet.
    case archived = "archived"
    /// The batch's messages are marked \Deleted on the server; not expunged yet.
    case markedDeleted = "marked-deleted"
    /// The batch is expunged; the next batch is not begun.
    case expunged = "expunged"

    #if DEBUG
        private final class Trigger: Sendable {
            let name: String
            let count: Int
            let reached = Atomic<Int>(0)

            init?(_ value: String) {
                let parts = value.split(separator: ":", maxSplits: 1)
                guard let name = parts.first else { return nil }
                self.name = String(name)
                count = parts.count > 1 ? Int(parts[1]) ?? 1 : 1
            }

            func fires(at point: ArchiverFaultPoint) -> Bool {
                point.rawValue == name && reached.add(1, ordering: .relaxed).newValue == count
            }
        }

        private static let armed: Trigger? = getenv("MAILSIFT_ARCHIVER_FAULT").flatMap {
            Trigger(String(cString: $0))
        }

        /// Kills the process here when the variable names this place (and this reach of it).
        func reach() {
            if let armed = Self.armed, armed.fires(at: self) { kill(getpid(), SIGKILL) }
        }
    #else
        @inline(__always) func reach() {}
    #endif
}

/// A fault a test has `ArchiveRunOptions.fault` throw at a place of the run.
public struct ArchiverFault: Error, Sendable, CustomStringConvertible {
    public let point: ArchiverFaultPoint
    public init(_ point: ArchiverFaultPoint) { self.point = point }
    public var description: String { "fault injected at \(point.rawValue)" }
}
