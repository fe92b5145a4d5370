import Glibc

/// Named places in the write path where a test can have the process killed (`kill -9`), through the
/// environment variable `MAILSIFT_ARCHIVE_FAULT`. Used by the crash tests; inert otherwise.
enum FaultPoint: String {
    /// A block is written to its segment but not yet fsynced.
    case blockWritten = "block-written"
    /// The block is durable; the catalogue does not name it yet.
    case blockSynced = "block-synced"
    /// The catalogue commit returned; the caller has not been told.
    case committed = "committed"

    private static let armed: String? = getenv("MAILSIFT_ARCHIVE_FAULT").map { String(cString: $0) }

    static func reach(_ point: FaultPoint) {
        if armed == point.rawValue { kill(getpid(), SIGKILL) }
    }
}
