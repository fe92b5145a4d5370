import Foundation
import IMAPClient
import IMAPCore
import Logging
import NIOPosix

/// `mailsift sort`: the daemon's pipeline, run once over the mail already in a folder (what a user runs after
/// writing a new rule). Its batches are recorded under a key of their own, so a sort that dies is finished by
/// the next one, and never meets the daemon's batches in the same folder.
public struct FolderSort {
    public struct Summary: Codable, Sendable, Hashable {
        public var messages = 0
        /// How many messages each outcome had ("moved to Listes", "copied to Archives", "kept", …).
        public var outcomes: [String: Int] = [:]
        /// Dry run: what would be done with each message.
        public var plans: [String] = []
        /// Actions not carried out (redirect, vacation…), by description.
        public var notCarriedOut = 0
        /// Messages past the daemon's last UID done in this folder: the daemon files those (sorting them here
        /// too could copy them twice), so the sort leaves them.
        public var leftToTheDaemon = 0
        /// Not 0 when an earlier sort was interrupted: it was resumed (its batch under way finished, this many
        /// messages, at least 1), and only the mail after what it had done was sorted.
        public var resumed = 0
    }

    public var account: String
    public var folder: String
    public var rules: FilingRules
    /// An IMAP date ("1-Dec-2026"): only mail that arrived that day or later.
    public var since: String?
    public var dryRun = false
    public var batchSize = 200
    /// How many more connections to open (with `openLane`, while the first fetches): the moves of each batch
    /// are shared out among them and the first (see `BatchExecutor.lanes`). One that cannot be opened, or
    /// cannot select the folder, is left out; the sort goes on with fewer.
    public var extraLanes = 0
    public var openLane: (@Sendable () async throws -> IMAPConnection)?

    public init(account: String, folder: String, rules: FilingRules) {
        self.account = account
        self.folder = folder
        self.rules = rules
    }

    /// Sorts; `progress` is told (done, total) after each batch.
    public func run(
        connection: IMAPConnection, store: StateStore, work: NIOThreadPool, logger: Logger,
        progress: @Sendable (Int, Int) -> Void = { _, _ in }
    ) async throws -> Summary {
        var filer = FolderFiler(
            account: account, folder: folder, connection: connection, store: store, rules: rules, work: work,
            logger: logger)
        filer.stateKey = Self.stateKey(for: folder)
        filer.batchSize = batchSize
        let validity =
            try await (dryRun ? connection.examine(MailboxName(folder)) : connection.select(MailboxName(folder)))
            .uidValidity
        let lanesReady = Task { [extraLanes, openLane, folder, logger, dryRun] in
            guard !dryRun, let openLane else { return [IMAPFilingServer]() }
            return await Self.openLanes(extraLanes, with: openLane, folder: folder, validity: validity, logger: logger)
        }
        do {
            let summary = try await sort(
                filer: &filer, validity: validity, lanes: lanesReady, connection: connection, store: store,
                logger: logger, progress: progress)
            for lane in await lanesReady.value { await lane.connection.logout() }
            return summary
        } catch {
            lanesReady.cancel()
            for lane in await lanesReady.value { await lane.connection.close() }
            throw error
        }
    }

    private func sort(
        filer: inout FolderFiler, validity: UInt32, lanes lanesReady: Task<[IMAPFilingServer], Never>,
        connection: IMAPConnection, store: StateStore, logger: Logger, progress: @Sendable (Int, Int) -> Void
    ) async throws -> Summary {
        var summary = Summary()
        // A sort that was interrupted is resumed: its batch under way finished, then only the mail after what it
        // did is sorted (sorting that again would copy again what rules copy). Run once more to sort it all.
        // A sort that ends records a last UID of 0 under its key: a higher one is a sort that did not end.
        var resumeAfter: UInt32 = 0
        if !dryRun {
            if let finished = try await filer.finishPending(
                uidValidity: validity, state: MailboxState(uidValidity: validity, lastUID: 0))
            {
                summary.resumed = finished.plans.count
            }
            if let earlier = try store.mailboxState(account: account, folder: filer.stateKey),
                earlier.uidValidity == validity, earlier.lastUID > 0
            {
                resumeAfter = earlier.lastUID
                summary.resumed = max(summary.resumed, 1)
            }
        }
        let key: SearchKey = since.map { .since($0) } ?? .all
        var uids = try await connection.searchUIDs(key).sorted().filter { $0 > resumeAfter }
        if let daemon = try store.mailboxState(account: account, folder: folder), daemon.uidValidity == validity {
            summary.leftToTheDaemon = uids.filter { $0 > daemon.lastUID }.count
            uids = uids.filter { $0 <= daemon.lastUID }
        }
        let state = MailboxState(uidValidity: validity, lastUID: 0)
        var start = 0
        while start < uids.count {
            let chunk = Array(uids[start..<min(start + batchSize, uids.count)])
            if dryRun {
                let plans = try await filer.planBatch(chunk, state: state)
                for plan in plans {
                    summary.messages += 1
                    let description = plan.intent
                    summary.outcomes[description, default: 0] += 1
                    summary.notCarriedOut += plan.notCarriedOut.count
                    summary.plans.append(
                        "uid \(plan.uid) \(plan.identity.messageID ?? "(no Message-ID)"): \(description)")
                }
            } else {
                // Those still open: a lane the server closed meanwhile (an idle logout) is left out.
                filer.lanes = { await lanesReady.value.filter { $0.connection.isOpen } }
                for record in try await filer.fileBatch(chunk, state: state) {
                    summary.messages += 1
                    for part in record.actions.components(separatedBy: "; ") {
                        summary.outcomes[Self.outcome(part), default: 0] += 1
                    }
                }
            }
            start += chunk.count
            progress(start, uids.count)
        }
        if !dryRun {
            try store.setMailboxState(
                MailboxState(uidValidity: validity, lastUID: 0), account: account, folder: filer.stateKey)
        }
        return summary
    }

    /// The name a sort's batches and progress are kept under in the state store, apart from the daemon's (the
    /// folder's own name). Not a NUL as separator: SQLite text ends at one, which made the two keys the same.
    static func stateKey(for folder: String) -> String { folder + "\n(mailsift sort)" }

    /// Opens `count` connections at once and selects the folder on each; those that fail, or see another
    /// UIDVALIDITY, are closed and left out.
    private static func openLanes(
        _ count: Int, with open: @escaping @Sendable () async throws -> IMAPConnection, folder: String,
        validity: UInt32, logger: Logger
    ) async -> [IMAPFilingServer] {
        await withTaskGroup(of: IMAPFilingServer?.self) { group in
            for _ in 0..<count {
                group.addTask {
                    var opened: IMAPConnection?
                    do {
                        let lane = try await open()
                        opened = lane
                        guard try await lane.select(MailboxName(folder)).uidValidity == validity else {
                            await lane.logout()
                            return nil
                        }
                        return IMAPFilingServer(connection: lane, folder: folder)
                    } catch {
                        logger.debug("a further connection for the moves failed; going on without it: \(error)")
                        await opened?.close()
                        return nil
                    }
                }
            }
            var ready: [IMAPFilingServer] = []
            for await server in group { if let server { ready.append(server) } }
            return ready
        }
    }

    /// "moved to Listes with flags \\Seen" → "moved to Listes"; "kept: not moved to X: NO …" → "kept (refused)".
    static func outcome(_ line: String) -> String {
        if line.hasPrefix("not done: ") { return "not carried out" }
        if let colon = line.range(of: ": ") { return String(line[..<colon.lowerBound]) + " (refused)" }
        if let flags = line.range(of: " with flags ") { return String(line[..<flags.lowerBound]) }
        return line
    }
}

extension MessagePlan {
    /// What the plan will do, in words (for a dry run).
    var intent: String {
        var parts = copies.map { "copy to \($0.mailbox)" + BatchExecutor.describe($0.flags) }
        switch disposition {
        case .keep(let flags): parts.append("keep" + BatchExecutor.describe(flags))
        case .move(let delivery): parts.append("move to \(delivery.mailbox)" + BatchExecutor.describe(delivery.flags))
        case .delete: parts.append("delete (discard)")
        }
        return parts.joined(separator: ", ")
    }
}
