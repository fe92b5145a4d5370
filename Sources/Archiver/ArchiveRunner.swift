import Archive
import Crypto
import Daemon
import Foundation
import IMAPClient
import IMAPCore
import NIOPosix

/// How a run works, beyond its plan.
public struct ArchiveRunOptions: Sendable {
    /// How the account's store writes (the store's defaults unless a test or a benchmark says otherwise).
    public var storeOptions: ArchiveOptions = .default
    /// Compression, SHA-256 and SQLite run here, never on the cooperative pool that runs the IMAP timers.
    public var work: NIOThreadPool = .singleton
    /// Tests: called at each fault point; what it throws stops the run there.
    public var fault: (@Sendable (ArchiverFaultPoint) throws -> Void)?

    public init() {}
}

/// How far a run is, for a progress bar.
public struct ArchiveProgress: Sendable, Hashable {
    public var messagesDone: Int
    public var messages: Int
    public var bytesDone: UInt64
    public var bytes: UInt64
}

/// Carries out an account's plan on the server (DESIGN.md invariant 1): whole messages fetched in batches of at
/// most the fetch budget → archived by the store (block written, fsynced, read back, SHA-256 checked, catalogue
/// committed) → each copy read back from the store and compared with the bytes the server sent → only then UID
/// STORE \Deleted and UID EXPUNGE of exactly the UIDs whose copies matched. Without UIDPLUS nothing is expunged
/// (a plain EXPUNGE would also remove what other clients marked deleted): the messages are archived and left.
///
/// A run stopped anywhere loses nothing (a server copy goes only after its archived copy is checked) and
/// duplicates nothing: the next run finds the messages it archived by account, folder, UIDVALIDITY, UID and
/// SHA-256 (`ArchiveStore.archivedMessage`), stores them no second time, and expunges them then — including the
/// ones an earlier run marked \Deleted and did not expunge.
public final class ArchiveRunner: Sendable {
    public let account: String
    public let options: ArchiveRunOptions
    private let store: StoreBox
    private let fetchBudget: Int

    /// Opens (creating it if needed) the account's store at `directory`.
    public init(
        account: String, storeDirectory directory: String, fetchBudget: Int, options: ArchiveRunOptions = .init()
    ) throws {
        self.account = account
        self.options = options
        self.fetchBudget = max(1, fetchBudget)
        store = StoreBox(try ArchiveStore(directory: directory, mode: .readWrite, options: options.storeOptions))
    }

    public func run(
        _ plan: AccountPlan, on connection: IMAPConnection,
        progress: @Sendable (ArchiveProgress) -> Void = { _ in }
    ) async throws -> AccountRunReport {
        var report = AccountRunReport(account: account)
        report.quotaBefore = plan.quotaBefore
        report.hasUIDPLUS = connection.hasCapability("UIDPLUS")
        var done = ArchiveProgress(messagesDone: 0, messages: plan.messageCount, bytesDone: 0, bytes: plan.bytes)
        progress(done)
        for folder in plan.folders {
            var folderReport = FolderRunReport(folder: folder.folder)
            folderReport.planned = folder.messages.count
            defer { report.folders.append(folderReport) }
            let selected = try await connection.select(MailboxName(folder.folder))
            guard selected.uidValidity == folder.uidValidity else {
                folderReport.note =
                    "UIDVALIDITY changed since the plan (\(folder.uidValidity) → \(selected.uidValidity)): nothing "
                    + "done here; the next run plans this folder again"
                continue
            }
            let canExpunge = report.hasUIDPLUS && !selected.readOnly
            if selected.readOnly { folderReport.note = "the server opens this folder read-only: nothing expunged" }
            if canExpunge {
                report.resumed += try await resume(folder, uidValidity: selected.uidValidity, on: connection)
            }
            try await runBatches(
                Self.batches(folder.messages, budget: fetchBudget), of: folder, canExpunge: canExpunge,
                on: connection, report: &folderReport
            ) { batch in
                done.messagesDone += batch.count
                done.bytesDone += batch.reduce(0) { $0 + $1.size }
                progress(done)
            }
        }
        report.quotaAfter = try await ArchivePlanner.quotaUse(connection)
        // The text of what was archived, indexed once the server is done with: stored and catalogued without it
        // (the index is the costliest part of a write), the mail left the server at the pace of the rest.
        // Its failure does not make the run one: the mail is archived and off the server already.
        let indexStart = ContinuousClock.now
        do {
            report.textIndexed = try await options.work.runIfActive { [box = self.store] in
                try box.store.indexPendingText().indexed
            }
        } catch let error as ArchiveError {
            report.textIndexProblem = "\(error); the next run or `archive settle` indexes the text that waits"
        }
        report.textIndexSeconds = (ContinuousClock.now - indexStart).seconds
        return report
    }

    /// Planned messages cut into batches of at most `budget` bytes by their planned sizes (a larger one alone).
    static func batches(_ messages: [PlannedMessage], budget: Int) -> [[PlannedMessage]] {
        messages.budgetedBatches(maxBytes: budget) { Int(clamping: $0.size) }
    }

    /// The batches of a folder, overlapped: while the store archives and checks one batch (on the work pool),
    /// the next one is fetched; the first one's expunge follows. So the slowest of the server's sending and the
    /// store's writing sets the pace, not their sum; two batches at most are held.
    private func runBatches(
        _ batches: [[PlannedMessage]], of folder: FolderPlan, canExpunge: Bool, on connection: IMAPConnection,
        report: inout FolderRunReport, done: ([PlannedMessage]) -> Void
    ) async throws {
        typealias Pending = (batch: [PlannedMessage], task: Task<BatchOutcome, any Error>)
        var inFlight: Pending?
        /// Waits for the store to finish a batch (timed: the store's share of the pace), then checks and expunges it.
        func complete(_ pending: Pending) async throws {
            let waitStart = ContinuousClock.now
            let outcome = try await pending.task.value
            report.storeWaitSeconds += (ContinuousClock.now - waitStart).seconds
            try await finish(outcome, canExpunge: canExpunge, on: connection, report: &report)
            done(pending.batch)
        }
        do {
            for batch in batches {
                // A daemon shutting down stops between batches: each batch is whole (archived, checked,
                // expunged) and the next run takes up the rest.
                try Task.checkCancellation()
                let fetchStart = ContinuousClock.now
                let messages = try await fetch(batch, on: connection, report: &report)
                report.fetchSeconds += (ContinuousClock.now - fetchStart).seconds
                if let previous = inFlight {
                    inFlight = nil
                    try await complete(previous)
                }
                inFlight = (batch, Task { try await archive(messages, folder: folder) })
            }
            if let last = inFlight {
                inFlight = nil
                try await complete(last)
            }
        } catch {
            // Never left writing behind the caller's back: a run that fails waits for the store's batch.
            _ = try? await inFlight?.task.value
            throw error
        }
    }

    /// Fetches a batch's whole messages; counts those gone from the server, or too large to archive.
    private func fetch(_ batch: [PlannedMessage], on connection: IMAPConnection, report: inout FolderRunReport)
        async throws -> [ServerCopy]
    {
        var fetched: [FetchedMessage] = []
        try await connection.fetch(UIDSet(uids: batch.map(\.uid)), parts: .whole, budget: fetchBudget) {
            fetched.append($0)
        }
        report.vanished += batch.count - Set(fetched.map(\.uid)).intersection(batch.map(\.uid)).count
        var messages: [ServerCopy] = []
        for message in fetched {
            guard let bytes = message.bytes, bytes.count <= options.storeOptions.maxMessageBytes else {
                report.tooLarge += 1
                continue
            }
            messages.append(
                ServerCopy(
                    uid: message.uid, bytes: bytes, flags: message.flags.filter { $0.lowercased() != "\\recent" },
                    internalDate: message.internalDate?.secondsSince1970))
        }
        return messages
    }

    /// Counts what the store did with a batch and expunges exactly its checked copies.
    private func finish(
        _ outcome: BatchOutcome, canExpunge: Bool, on connection: IMAPConnection, report: inout FolderRunReport
    ) async throws {
        report.archived += outcome.archived
        report.alreadyArchived += outcome.already
        report.mismatched += outcome.mismatched
        try reach(.archived)
        guard !outcome.verified.isEmpty else { return }
        guard canExpunge else {
            report.leftOnServer += outcome.verified.count
            return
        }
        try await expunge(outcome.verified, on: connection)
        report.expunged += outcome.verified.count
    }

    /// Marks exactly `uids` \Deleted and expunges exactly them (UID EXPUNGE, UIDPLUS), in commands of bounded
    /// length.
    private func expunge(_ uids: [UInt32], on connection: IMAPConnection) async throws {
        let set = UIDSet(uids: uids)
        try await connection.storeFlags(set, .add, ["\\Deleted"])
        try reach(.markedDeleted)
        for chunk in set.chunked() { try await connection.execute(.uidExpunge(chunk)) }
        try reach(.expunged)
    }

    /// Messages of `folder` marked \Deleted that this account's archive holds — by UIDVALIDITY, UID and content —
    /// and whose archived copy reads back equal to the server's bytes: marked by a run stopped before its
    /// expunge. They are expunged now; other \Deleted messages (other clients') are left alone.
    private func resume(_ folder: FolderPlan, uidValidity: UInt32, on connection: IMAPConnection) async throws -> Int {
        guard folder.deleted > 0 else { return 0 }
        let deleted = try await connection.searchUIDs(.deleted)
        guard !deleted.isEmpty else { return 0 }
        let account = account
        // Only those the archive holds are fetched: other clients' deletions are none of this run's business.
        let ours = try await options.work.runIfActive { [store = self.store] in
            try store.store.archivedUIDs(
                account: account, folder: folder.archiveFolder, uidValidity: uidValidity, among: deleted)
        }
        guard !ours.isEmpty else { return 0 }
        var verified: [UInt32] = []
        var batch: [ServerCopy] = []
        var held = 0
        func check() async throws {
            let copies = batch
            batch = []
            held = 0
            verified += try await options.work.runIfActive { [store = self.store] in
                try copies.compactMap { copy -> UInt32? in
                    guard
                        let id = try store.store.archivedMessage(
                            account: account, folder: folder.archiveFolder, uidValidity: uidValidity, uid: copy.uid,
                            sha256: copy.sha256),
                        try store.store.message(id) == copy.bytes
                    else { return nil }
                    return copy.uid
                }
            }
        }
        try await connection.fetch(UIDSet(uids: ours), parts: .whole, budget: fetchBudget) { message in
            guard let bytes = message.bytes else { return }
            batch.append(ServerCopy(uid: message.uid, bytes: bytes, flags: [], internalDate: nil))
            held += bytes.count
            if held >= fetchBudget { try await check() }
        }
        if !batch.isEmpty { try await check() }
        guard !verified.isEmpty else { return 0 }
        for chunk in UIDSet(uids: verified).chunked() { try await connection.execute(.uidExpunge(chunk)) }
        return verified.count
    }

    private struct BatchOutcome: Sendable {
        var verified: [UInt32] = []
        var archived = 0
        var already = 0
        var mismatched = 0
    }

    /// Stores the batch's messages not archived yet, then reads every copy back and keeps the UIDs whose copy
    /// equals what the server sent — on the work pool.
    private func archive(_ copies: [ServerCopy], folder: FolderPlan) async throws -> BatchOutcome {
        guard !copies.isEmpty else { return BatchOutcome() }
        let account = account
        return try await options.work.runIfActive { [box = self.store] in
            let store = box.store
            var outcome = BatchOutcome()
            var ids: [Int64?] = try copies.map { copy in
                try store.archivedMessage(
                    account: account, folder: folder.archiveFolder, uidValidity: folder.uidValidity, uid: copy.uid,
                    sha256: copy.sha256)
            }
            let missing = ids.indices.filter { ids[$0] == nil }
            outcome.already = copies.count - missing.count
            let receipts = try store.archive(
                missing.map { index in
                    let copy = copies[index]
                    return IncomingMessage(
                        bytes: copy.bytes,
                        origin: ArchiveOrigin(
                            account: account, folder: folder.archiveFolder, uid: copy.uid,
                            uidValidity: folder.uidValidity, flags: copy.flags, internalDate: copy.internalDate))
                }, indexingText: false)
            for (index, receipt) in zip(missing, receipts) {
                ids[index] = receipt.id
                if receipt.isNew { outcome.archived += 1 } else { outcome.already += 1 }
            }
            // Read back together: `messages` decompresses each block once for its run of messages, where one
            // `message` call per message decompressed the block up to it each time — most of a 10,000-message
            // run's CPU.
            let stored = ids.compactMap { $0 }
            var readBack: [Int64: [UInt8]] = [:]
            for (id, result) in zip(stored, store.messages(stored)) {
                if case .success(let bytes) = result { readBack[id] = bytes }
            }
            for (copy, id) in zip(copies, ids) {
                // The check that lets the server copy go: the bytes read back from the store, not anything else
                // (a server may rewrite a message on APPEND; only what it sent counts).
                if let id, readBack[id] == copy.bytes {
                    outcome.verified.append(copy.uid)
                } else {
                    outcome.mismatched += 1
                }
            }
            return outcome
        }
    }

    private func reach(_ point: ArchiverFaultPoint) throws {
        point.reach()
        try options.fault?(point)
    }
}

/// A message as the server sent it.
struct ServerCopy: Sendable {
    var uid: UInt32
    var bytes: [UInt8]
    var flags: [String]
    var internalDate: Int64?

    var sha256: [UInt8] { Array(SHA256.hash(data: bytes)) }
}

/// The store, handed to the work pool: one run uses it from one task at a time (each call awaits the last).
final class StoreBox: @unchecked Sendable {
    let store: ArchiveStore
    init(_ store: ArchiveStore) { self.store = store }
}
