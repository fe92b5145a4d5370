/// What one `ArchiveStore.settle` run did.
public struct SettleReport: Sendable, Equatable {
    /// Blocks recompressed at the settled level.
    public var blocksSettled = 0
    /// Blocks moved as they were: settled already, but lying after an unsettled block of their segment.
    public var blocksCopied = 0
    /// Blocks that no message refers to any more (replaced after damage), dropped instead of moved.
    public var blocksDropped = 0
    /// Stored bytes of the moved blocks before and after.
    public var bytesBefore: Int64 = 0
    public var bytesAfter: Int64 = 0
    /// Segment files removed once every block in them had moved.
    public var segmentsRemoved = 0
    /// True when the run stopped at its time or block limit with blocks still unsettled.
    public var stoppedAtLimit = false
    /// Blocks left where they are because they fail their checks (place and why): `verify` reports them, and
    /// importing the original messages again repairs them.
    public var damaged: [String] = []
    /// Unsettled blocks and their stored bytes after the run.
    public var unsettledBlocksLeft = 0
    public var unsettledBytesLeft: Int64 = 0
    /// The text index built first for messages whose text was waiting (`ArchiveStore.indexPendingText`).
    public var textIndex = TextIndexReport()

    public var blocksMoved: Int { blocksSettled + blocksCopied + blocksDropped }
}
