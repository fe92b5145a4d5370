/// Imports mbox, mbox.gz, Maildir and message files into a store, a block's worth at a time, and counts
/// what happened. A source that cannot be read is reported and skipped; the others go on.
public struct ArchiveImporter {
    public struct Progress: Sendable {
        public var sourcesDone: Int
        public var sourcesTotal: Int
        public var messagesAdded: Int
        public var messagesAlreadyPresent: Int
        public var bytesRead: Int
    }

    public struct Summary: Sendable {
        public var progress: Progress
        /// Sources or messages that could not be imported, with the reason.
        public var failures: [(source: String, reason: String)]
    }

    let store: ArchiveStore
    let account: String
    let folder: String?
    public var maxFileBytes = 4 << 30

    public init(store: ArchiveStore, account: String, folder: String? = nil) {
        self.store = store
        self.account = account
        self.folder = folder
    }

    public func run(_ paths: [String], progress report: (Progress) -> Void = { _ in }) throws(ArchiveError) -> Summary {
        let sources = try ImportSource.find(paths)
        var progress = Progress(sourcesDone: 0, sourcesTotal: sources.count, messagesAdded: 0, messagesAlreadyPresent: 0, bytesRead: 0)
        var failures: [(String, String)] = []
        var batch: [IncomingMessage] = []
        var batchBytes = 0
        func flush() throws(ArchiveError) {
            guard !batch.isEmpty else { return }
            let receipts = try store.archive(batch)
            progress.messagesAdded += receipts.filter(\.isNew).count
            progress.messagesAlreadyPresent += receipts.filter { !$0.isNew }.count
            batch = []
            batchBytes = 0
            report(progress)
        }
        let reader = SourceReader(maxFileBytes: maxFileBytes)
        for source in sources {
            let messages: [ImportedMessage]
            do {
                messages = try reader.messages(of: source)
            } catch {
                failures.append((source.path, error.message))
                progress.sourcesDone += 1
                continue
            }
            for message in messages {
                progress.bytesRead += message.bytes.count
                guard message.bytes.count <= store.options.maxMessageBytes else {
                    failures.append((message.source, "\(message.bytes.count) bytes, more than the limit of \(store.options.maxMessageBytes)"))
                    continue
                }
                let origin = ArchiveOrigin(
                    account: account, folder: folder ?? message.folder, source: message.source, flags: message.flags,
                    internalDate: message.internalDate)
                // One call per block: flush before the block would overflow (the store cuts blocks the same way).
                if batchBytes + message.bytes.count > store.options.blockSize { try flush() }
                batch.append(IncomingMessage(bytes: message.bytes, origin: origin))
                batchBytes += message.bytes.count
            }
            progress.sourcesDone += 1
        }
        try flush()
        return Summary(progress: progress, failures: failures)
    }
}
