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

    public init() {}
}

extension ArchiveStore {
    /// Messages archived with their text left for later (`archive(_:indexingText:)` false) that search does not
    /// find by words yet; folder and date filters find them already.
    public func messagesWaitingForTextIndex() throws(ArchiveError) -> Int {
        try catalogue.pendingTextCount()
    }

    /// Indexes the text of the messages that wait for it, a few hundred at a time (one decompression per block
    /// for each batch, one transaction per batch), until none is left or `maxSeconds` have passed. Needs the
    /// writer's lock, like `archive`.
    @discardableResult
    public func indexPendingText(maxSeconds: Double? = nil) throws(ArchiveError) -> TextIndexReport {
        guard isWriter else { throw .input("indexing \(directory) needs it opened for writing") }
        let clock = ContinuousClock()
        let start = clock.now
        var report = TextIndexReport()
        var after: Int64 = 0
        while true {
            if let maxSeconds, clock.now - start >= .seconds(maxSeconds) { break }
            let ids = try catalogue.pendingText(after: after, limit: 500)
            guard let last = ids.last else { break }
            after = last
            var entries: [(id: Int64, summary: MessageSummary)] = []
            // One message held at a time (each up to `maxMessageBytes`), summarised at once: a summary holds at most
            // `maxIndexedTextBytes` of text.
            forEachMessage(ids) { id, result in
                guard case .success(let bytes) = result else {
                    report.unreadable += 1
                    return
                }
                entries.append((id, MessageSummary(bytes, maxTextBytes: options.maxIndexedTextBytes)))
            }
            try catalogue.indexText(entries) { FaultPoint.reach(.textIndexed) }
            report.indexed += entries.count
        }
        report.left = try catalogue.pendingTextCount()
        return report
    }
}
