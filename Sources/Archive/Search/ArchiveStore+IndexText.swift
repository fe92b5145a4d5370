import Foundation

/// What one `ArchiveStore.indexPendingText` run did.
public struct TextIndexReport: Sendable, Equatable {
    /// Messages whose text went into the index.
    public var indexed = 0
    /// Messages left waiting because their stored copy cannot be read (`verify` says why; importing the
    /// originals again repairs them, and they are indexed then).
    public var unreadable = 0
    /// Messages still waiting after the run (the unreadable ones, and the rest when it stopped at its time).
    public var left = 0
    /// Of `left`, those not found unreadable yet: what a run stopped at its time leaves to the next.
    public var untriedLeft = 0

    public init() {}
}

extension ArchiveStore {
    /// Messages archived with their text left for later (`archive(_:indexingText:)` false) that search does not
    /// find by words yet; folder and date filters find them already.
    public func messagesWaitingForTextIndex() throws(ArchiveError) -> Int {
        try catalogue.pendingTextCount()
    }

    /// Indexes the text of the messages that wait for it, a few hundred at a time (one decompression per block
    /// for each batch, one transaction per batch), until none is left or `maxSeconds` have passed (checked after
    /// each batch: a run makes progress however short its time). Needs the writer's lock, like `archive`.
    ///
    /// A message found unreadable is marked so, and left waiting. A run with `maxSeconds` takes only the messages
    /// not found unreadable yet, so that a slice of `settle` never spends its time on the same damaged messages
    /// again before those it can index; a run without a limit tries those found unreadable by earlier runs first
    /// (one repaired since is indexed then), then the others: each message is read at most once per run.
    ///
    /// Memory: a batch's messages are read and summarised one at a time (a message can be `maxMessageBytes`
    /// large), and its summaries hold at most `maxIndexedTextBytes` of text each.
    @discardableResult
    public func indexPendingText(maxSeconds: Double? = nil) throws(ArchiveError) -> TextIndexReport {
        guard isWriter else { throw .input("indexing \(directory) needs it opened for writing") }
        let clock = ContinuousClock()
        let start = clock.now
        var report = TextIndexReport()
        passes: for unreadableBefore in maxSeconds == nil ? [true, false] : [false] {
            var after: Int64 = 0
            while true {
                let ids = try catalogue.pendingText(after: after, limit: Self.textBatch, unreadable: unreadableBefore)
                guard let last = ids.last else { break }
                after = last
                var entries: [(id: Int64, summary: MessageSummary)] = []
                var unreadable: [Int64] = []
                forEachMessage(ids) { id, result in
                    guard case .success(let bytes) = result else {
                        unreadable.append(id)
                        return
                    }
                    entries.append((id, MessageSummary(bytes, maxTextBytes: options.maxIndexedTextBytes)))
                }
                try catalogue.indexText(entries, unreadable: unreadableBefore ? [] : unreadable) {
                    FaultPoint.reach(.textIndexed)
                }
                report.indexed += entries.count
                report.unreadable += unreadable.count
                if let maxSeconds, clock.now - start >= .seconds(maxSeconds) { break passes }
            }
        }
        report.left = try catalogue.pendingTextCount()
        report.untriedLeft = try catalogue.pendingTextCount(untriedOnly: true)
        return report
    }

    /// Messages whose text one transaction indexes.
    static let textBatch = 500
}
