import Glibc

/// Named places in the write path where a test can have the process killed (`kill -9`), through the
/// environment variable `MAILSIFT_ARCHIVE_FAULT=NAME` (the first time the place is reached) or `NAME:N` (the
/// N-th time). Used by the crash tests; inert otherwise.
enum FaultPoint: String {
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

    private static let armed: (name: String, count: Int)? = getenv("MAILSIFT_ARCHIVE_FAULT").map { value in
        let parts = String(cString: value).split(separator: ":", maxSplits: 1)
        return (String(parts.first ?? ""), parts.count > 1 ? Int(parts[1]) ?? 1 : 1)
    }
    /// Times the armed place was reached; only touched when a test arms a fault.
    nonisolated(unsafe) private static var reached = 0

    static func reach(_ point: FaultPoint) {
        guard let armed, armed.name == point.rawValue else { return }
        reached += 1
        if reached >= armed.count { kill(getpid(), SIGKILL) }
    }
}
