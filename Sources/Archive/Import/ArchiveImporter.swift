/// Imports mbox, mbox.gz, Maildir and message files into a store, a block's worth at a time, and counts
/// what happened. A source that cannot be read is reported and skipped; the others go on.
public struct ArchiveImporter {
    public struct Progress: Sendable {
        public var sourcesDone: Int
        public var sourcesTotal: Int
        public var messagesAdded: Int
        public var messagesAlreadyPresent: Int
        /// Messages whose archived copy was damaged, stored again from this import (so now intact).
        public var messagesRepaired = 0
        public var bytesRead: Int
    }

    public struct Summary: Sendable {
        public var progress: Progress
        /// Sources or messages that could not be imported, with the reason.
        public var failures: [(source: String, reason: String)]
        /// Entries not read on purpose (symbolic links, FIFOs, devices, sockets), with the reason.
        public var skipped: [(source: String, reason: String)]
        /// The text index built once the mail was in (nil when `indexesText` is false, or when it failed).
        public var textIndex: TextIndexReport?
        /// Why the text could not be indexed (a full disk, a damaged index): the mail is imported all the same,
        /// and the next import or `settle` indexes what waits.
        public var textIndexProblem: String?
    }

    let store: ArchiveStore
    let account: String
    let folder: String?
    /// Decoded bytes one gzip file may expand to.
    public var maxFileBytes = 4 << 30
    /// How many times its own size a gzip file may expand before it is refused as a bomb (mail: 3–15 times).
    public var maxGzipRatio = 100
    /// Whether `run` indexes the imported text for search at its end (it stores and catalogues the mail first,
    /// with the text left waiting: `ArchiveStore.archive(_:indexingText:)`). A benchmark turns it off to time the
    /// two apart; `settle` and the next import index what waits.
    public var indexesText = true

    public init(store: ArchiveStore, account: String, folder: String? = nil) {
        self.store = store
        self.account = account
        self.folder = folder
    }

    /// Imports everything under `paths`. A folder name given to the importer that `FolderName` refuses fails
    /// the whole run before anything is read; a source whose own folder name is refused (a Maildir `.Sub`, an
    /// mbox file name) is reported and skipped.
    public func run(_ paths: [String], progress report: (Progress) -> Void = { _ in }) throws(ArchiveError) -> Summary {
        if let folder { try FolderName.check(folder) }
        let found = try ImportSource.find(paths)
        var progress = Progress(
            sourcesDone: 0, sourcesTotal: found.sources.count, messagesAdded: 0, messagesAlreadyPresent: 0, bytesRead: 0
        )
        var failures = found.failures
        var skipped = found.skipped
        var batch: [IncomingMessage] = []
        var batchBytes = 0
        func flush() throws(ArchiveError) {
            guard !batch.isEmpty else { return }
            let receipts = try store.archive(batch, indexingText: false)
            progress.messagesAdded += receipts.filter(\.isNew).count
            progress.messagesAlreadyPresent += receipts.filter { !$0.isNew }.count
            progress.messagesRepaired += receipts.filter(\.repaired).count
            batch = []
            batchBytes = 0
            report(progress)
        }
        func add(_ message: ImportedMessage) throws(ArchiveError) {
            if folder == nil, let reason = FolderName.problem(message.folder) {
                // Every message of a source has its folder: the source is refused as a whole, and named.
                throw .input(
                    "folder name \(FolderName.quoted(message.folder)) is refused: \(reason); name one with --folder")
            }
            progress.bytesRead += message.bytes.count
            let origin = ArchiveOrigin(
                account: account, folder: folder ?? message.folder, source: message.source, flags: message.flags,
                internalDate: message.internalDate)
            // One call per block: flush before the block would overflow (the store cuts blocks the same way).
            if batchBytes + message.bytes.count > store.options.blockSize { try flush() }
            batch.append(IncomingMessage(bytes: message.bytes, origin: origin))
            batchBytes += message.bytes.count
        }
        let reader = SourceReader(
            maxFileBytes: maxFileBytes, maxMessageBytes: store.options.maxMessageBytes, maxGzipRatio: maxGzipRatio)
        for source in found.sources {
            do {
                try reader.read(source, message: add) { problem in
                    switch problem {
                    case .skipped(let source, let reason): skipped.append((source, reason))
                    case .failed(let source, let reason): failures.append((source, reason))
                    }
                }
            } catch  where error.isBadInput {
                // The source as a whole stopped being readable; what it gave before stays imported.
                failures.append((source.path, error.reason(about: source.path)))
            }
            progress.sourcesDone += 1
        }
        try flush()
        var summary = Summary(progress: progress, failures: failures, skipped: skipped)
        if indexesText {
            // Its failure does not undo the import: every message is stored and catalogued already.
            do { summary.textIndex = try store.indexPendingText() } catch { summary.textIndexProblem = error.message }
        }
        return summary
    }
}

extension ArchiveError {
    /// The message without the path it starts with, for a line that names that path already.
    func reason(about path: String) -> String {
        message.hasPrefix(path + ": ") ? String(message.dropFirst(path.count + 2)) : message
    }
}
