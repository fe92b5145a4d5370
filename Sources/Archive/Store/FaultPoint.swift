#if DEBUG
    import Glibc
    import Synchronization
#endif

/// Named places in the write path where a test can have the process killed (`kill -9`), through the
/// environment variable `MAILSIFT_ARCHIVE_FAULT=NAME` (the first time the place is reached) or `NAME:N` (the
/// N-th time). Used by the crash tests.
///
/// Only debug builds (which every `swift test` runs) can be armed: in a release build `reach` is empty, so a
/// production binary ignores the variable, whoever sets it in its environment.
enum FaultPoint: String, Sendable {
    /// A block is written to its segment but not yet fsynced.
    case blockWritten = "block-written"
    /// The block is durable; the catalogue does not name it yet.
    case blockSynced = "block-synced"
    /// The catalogue commit returned; the caller has not been told.
    case committed = "committed"
    /// A rebuilt catalogue is complete beside the old one, which is untouched.
    case rebuildWritten = "rebuild-written"
    /// The old catalogue is linked as its backup (its log moved beside it); the rebuilt one is not in place yet.
    case rebuildBackedUp = "rebuild-backed-up"
    /// Settle: a recompressed block is written to its new segment but not yet fsynced.
    case settleWritten = "settle-written"
    /// Settle: the recompressed block is durable and read back; the catalogue still points at the old copy.
    case settleSynced = "settle-synced"
    /// Settle: the catalogue points at the new copy; the old one is still in its segment (listed as pending).
    case settleCommitted = "settle-committed"
    /// Settle: the old copy is cut from its segment; the pending list not yet cleared (nor an emptied segment
    /// removed).
    case settleCut = "settle-cut"
    /// Text index: a batch's text is in the index and its messages off the waiting list, not yet committed.
    case textIndexed = "text-indexed"

    #if DEBUG
        /// The armed place and on which reach it fires, counted atomically: stores on several threads may
        /// reach the same place at once, and each reach must count.
        final class Trigger: Sendable {
            let name: String
            let count: Int
            private let reached = Atomic<Int>(0)

            init(name: String, count: Int) {
                self.name = name
                self.count = count
            }

            /// "block-written:3" → fires on the third reach of `block-written`.
            convenience init?(_ value: String) {
                let parts = value.split(separator: ":", maxSplits: 1)
                guard let name = parts.first else { return nil }
                self.init(name: String(name), count: parts.count > 1 ? Int(parts[1]) ?? 1 : 1)
            }

            /// Counts one reach of `point`; true for exactly one reach: the `count`-th of the armed place.
            func fires(at point: FaultPoint) -> Bool {
                guard point.rawValue == name else { return false }
                return reached.add(1, ordering: .relaxed).newValue == count
            }
        }

        private static let armed: Trigger? = getenv("MAILSIFT_ARCHIVE_FAULT").flatMap { Trigger(String(cString: $0)) }

        static func reach(_ point: FaultPoint) {
            if let armed, armed.fires(at: point) { kill(getpid(), SIGKILL) }
        }
    #else
        @inline(__always) static func reach(_ point: FaultPoint) {}
    #endif
}
