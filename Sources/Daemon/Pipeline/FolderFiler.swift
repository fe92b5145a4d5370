import Foundation
import IMAPClient
import IMAPCore
import Logging
import MailMessage
import NIOPosix
import Sieve
import Spam

/// Files the mail of one folder of one account, on a connection that is logged in: new UIDs → fetch what the
/// rules need → parse and run the rules (on `work`, never on the cooperative pool) → a plan per message → the
/// batch recorded as under way → actions on the server → the batch committed as done.
struct FolderFiler {
    var account: String
    var folder: String
    var connection: IMAPConnection
    var store: StateStore
    var rules: FilingRules
    var work: NIOThreadPool
    var batchSize = 200
    /// The byte budget of one whole-message fetch.
    var fetchBudget = 32 << 20
    /// How many slices of a batch are planned at once (the work pool's threads).
    var parallelism = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8))
    var logger: Logger
    /// Where actions go: the connection itself, or (in fault tests) something that fails on purpose in between.
    var server: any FilingServer
    /// More connections with the folder selected, for the moves of a batch (`mailsift sort`; the daemon has
    /// none): asked for once the batch is planned, so the first batch does not wait for them to open.
    var lanes: @Sendable () async -> [any FilingServer] = { [] }
    /// The account's Junk folder, watched to learn from the user's moves: its new messages are learned as spam
    /// (those the daemon put there excepted) and never filed by the rules.
    var learnsSpam = false
    /// The name the state store keeps this folder's progress under: the folder itself for the daemon, another
    /// for `mailsift sort`, whose batches must not meet the daemon's.
    var stateKey: String
    /// How long after a crash a copy the dead run had sent is waited for before it is made again: as long as a
    /// connection given up on waits for the server to end the session.
    var lateCopyWait: Duration

    init(
        account: String, folder: String, connection: IMAPConnection, store: StateStore, rules: FilingRules,
        work: NIOThreadPool, logger: Logger
    ) {
        self.account = account
        self.folder = folder
        self.connection = connection
        self.store = store
        self.rules = rules
        self.work = work
        self.logger = logger
        server = IMAPFilingServer(connection: connection, folder: folder)
        stateKey = folder
        lateCopyWait = connection.timeouts.serverEnd
    }

    /// `server`, with each COPY noted in the state store before it goes out (`CopySent`).
    func noting(_ server: any FilingServer) -> any FilingServer {
        let (store, account, folder) = (self.store, self.account, stateKey)
        return CopyNotingServer(base: server) { uids, mailbox in
            try store.noteCopySent(uids, to: mailbox, account: account, folder: folder)
        }
    }

    /// Selects the folder and settles where filing stands: on the first start only mail from now on is filed;
    /// a batch left under way is finished; after a UIDVALIDITY change the folder is scanned again, leaving alone
    /// what the processing log shows was filed already.
    func open() async throws -> MailboxState {
        // select checks that UIDVALIDITY and UIDNEXT are there: without them the UIDs cannot be trusted. With
        // CONDSTORE the folder's HIGHESTMODSEQ is kept too: where a later look for changed flags starts.
        let selected = try await connection.select(
            MailboxName(folder), condStore: connection.hasCapability("CONDSTORE"))
        let validity = selected.uidValidity
        let uidNext = selected.uidNext
        guard var known = try store.mailboxState(account: account, folder: stateKey) else {
            let state = MailboxState(
                uidValidity: validity, lastUID: uidNext &- 1, highestModSeq: selected.highestModSeq)
            try store.setMailboxState(state, account: account, folder: stateKey)
            logger.info("first start: mail arriving from now on is filed", metadata: ["folder": "\(folder)"])
            return state
        }
        if known.uidValidity != validity {
            if try store.pendingBatch(account: account, folder: stateKey) != nil {
                try store.dropBatch(account: account, folder: stateKey)
            }
            // What arrived before the daemon last looked (the old state's time) was there then: filed, or older
            // than the first start. Only what came after, and was never filed, is filed now.
            let state = MailboxState(
                uidValidity: validity, lastUID: 0, highestModSeq: selected.highestModSeq, rescanThrough: uidNext &- 1,
                rescanSince: known.updatedAt)
            try store.setMailboxState(state, account: account, folder: stateKey)
            logger.warning(
                "UIDVALIDITY changed (\(known.uidValidity) → \(validity)): the folder is scanned again; mail already filed is left alone",
                metadata: ["folder": "\(folder)"])
            return state
        }
        if try await finishPending(uidValidity: validity, state: known) != nil {
            return try store.mailboxState(account: account, folder: stateKey) ?? known
        }
        if let modSeq = selected.highestModSeq, modSeq != known.highestModSeq {
            known.highestModSeq = modSeq
            try store.setMailboxState(known, account: account, folder: stateKey)
        }
        return known
    }

    /// Finishes the batch a previous run left under way here, if any (`BatchRecovery`), or drops it when the
    /// folder's UIDVALIDITY is no longer its own; returns the batch finished.
    func finishPending(uidValidity: UInt32, state: MailboxState) async throws -> PendingBatch? {
        guard let pending = try store.pendingBatch(account: account, folder: stateKey) else { return nil }
        guard pending.uidValidity == uidValidity else {
            try store.dropBatch(account: account, folder: stateKey)
            return nil
        }
        let report = try await BatchRecovery.finish(
            pending, server: noting(server), sent: store.copiesSent(account: account, folder: stateKey),
            lateCopyWait: lateCopyWait, logger: logger)
        try commit(pending, report: report, state: state)
        logger.notice(
            "finished a batch of \(pending.plans.count) left under way by a previous run",
            metadata: ["folder": "\(folder)"])
        return pending
    }

    /// Files every message after the last one done, in batches; returns how many were filed.
    @discardableResult
    func fileNew() async throws -> Int {
        guard var state = try store.mailboxState(account: account, folder: stateKey) else {
            throw DaemonError.pipeline("\(account)/\(folder) was not opened")
        }
        // "n:*" always names the last message, even below n: what is not past the last UID done is dropped.
        let uids = try await connection.searchUIDs(.uids(UIDSet([(state.lastUID &+ 1)...UInt32.max])))
            .filter { $0 > state.lastUID }.sorted()
        var filed = 0
        var start = 0
        while start < uids.count {
            let chunk = Array(uids[start..<min(start + batchSize, uids.count)])
            filed += try await fileBatch(chunk, state: state).count
            state = try store.mailboxState(account: account, folder: stateKey) ?? state
            start += chunk.count
        }
        return filed
    }

    /// Plans a batch (fetch, parse, rules), files it, and returns what was done with each message.
    func fileBatch(_ uids: [UInt32], state: MailboxState) async throws -> [ProcessingRecord] {
        let clock = ContinuousClock()
        let start = clock.now
        let (mailboxes, junk) = try await listMailboxes()
        let plans = try await planBatch(uids, state: state, mailboxes: mailboxes, junk: junk)
        let planned = clock.now
        var marks: [String: PendingBatch.MailboxMark] = [:]
        let server = self.server
        let copied = plans.flatMap { plan in
            plan.copies.map(\.mailbox) + (server.hasMove ? [] : [plan.disposition.destination].compactMap { $0 })
        }
        for mailbox in Set(copied) {
            // A mailbox STATUS cannot see does not exist yet: the COPY will create it (:create) or be refused,
            // and either way nothing of ours is in it yet, which a mark of 0 says.
            // Only a refusal means that; a connection that fails ends the batch before it begins.
            do {
                marks[mailbox] = try await server.mark(mailbox)
            } catch is FilingRefusal {
                marks[mailbox] = .init(uidValidity: 0, uidNext: 0)
            }
        }
        let batch = PendingBatch(
            uidValidity: state.uidValidity, throughUID: uids.last ?? state.lastUID, plans: plans, copyMarks: marks)
        try store.beginBatch(batch, account: account, folder: stateKey)
        let begun = clock.now
        var executor = BatchExecutor(server: noting(server))
        executor.existingMailboxes = mailboxes
        executor.lanes = await lanes().map(noting)
        let report = try await executor.run(plans)
        let done = clock.now
        let records = try commit(batch, report: report, state: state)
        logger.debug(
            "batch of \(plans.count): fetched and planned in \(planned - start), recorded in \(begun - planned), carried out in \(done - begun), committed in \(clock.now - done)",
            metadata: ["folder": "\(folder)"])
        return records
    }

    /// Fetches the messages, parses them and runs the rules: what would be done, nothing done yet.
    func planBatch(_ uids: [UInt32], state: MailboxState, mailboxes: Set<String>? = nil, junk: String? = nil)
        async throws -> [MessagePlan]
    {
        let rules = self.rules
        let folder = self.folder
        var known = (names: mailboxes ?? [], junk: junk)
        if mailboxes == nil { known = try await listMailboxes() }
        let (mailboxes, junkFolder) = known
        let work = self.work
        let learnsSpam = self.learnsSpam
        let memory = rules.spam?.watchedJunk.map {
            JunkMemory(store: store, account: account, junk: $0, serverJunk: junkFolder)
        }
        let inFlight = 2 * max(parallelism, 1)
        // Planned in slices on the work pool's threads while the fetch goes on: a sort's batch of thousands
        // uses every core, and the fetch's round trips are not waited for twice. At most `inFlight` slices wait,
        // so a batch of whole messages holds a few slices of them, not the batch.
        let plans = try await withThrowingTaskGroup(of: (Int, [MessagePlan]).self) { group in
            var parts: [(Int, [MessagePlan])] = []
            var slice: [FetchedMessage] = []
            var sliceBytes = 0
            var started = 0
            func plan(_ messages: [FetchedMessage]) async throws {
                if started - parts.count >= inFlight, let part = try await group.next() { parts.append(part) }
                let index = started
                started += 1
                group.addTask {
                    let plans = try await work.runIfActive {
                        messages.map {
                            Self.plan(
                                for: $0, rules: rules, folder: folder, mailboxes: mailboxes, junk: junkFolder,
                                memory: memory, learnsSpam: learnsSpam)
                        }
                    }
                    return (index, plans)
                }
            }
            var handed = Set<UInt32>()
            func take(_ message: FetchedMessage) async throws {
                handed.insert(message.uid)
                slice.append(message)
                sliceBytes += message.bytes?.count ?? 0
                guard slice.count >= Self.sliceMessages || sliceBytes >= Self.sliceBytes else { return }
                try await plan(slice)
                slice = []
                sliceBytes = 0
            }
            var unreadable: [MessagePlan] = []
            do {
                try await fetch(uids, each: take)
            } catch let error as IMAPClientError where error.refusesForGood {
                // One message the server cannot read (a damaged file) must not hold up the folder for ever:
                // the rest of the batch is fetched one message at a time, and one refused again stays where
                // it is, said in its record. A BAD, or a server busy for now ([INUSE], [UNAVAILABLE]), says
                // nothing about the messages: the batch stops before it begins and is fetched again later,
                // rather than every message of it being passed over for good.
                logger.warning(
                    "the server refused to send part of a batch (\(error)); fetching its messages one at a time",
                    metadata: ["folder": "\(folder)"])
                for uid in uids where !handed.contains(uid) {
                    do {
                        try await fetch([uid], each: take)
                    } catch let error as IMAPClientError where error.refusesForGood {
                        unreadable.append(Self.unreadable(uid, reason: error.said))
                    }
                }
            }
            if !slice.isEmpty { try await plan(slice) }
            for try await part in group { parts.append(part) }
            let planned = parts.sorted { $0.0 < $1.0 }.flatMap(\.1)
            return unreadable.isEmpty ? planned : (planned + unreadable).sorted { $0.uid < $1.uid }
        }
        let fingerprints = plans.map(\.identity.fingerprint)
        let delivered = try store.delivered(fingerprints, account: account, folder: folder)
        let rescanned = plans.filter { state.rescanThrough > 0 && $0.uid <= state.rescanThrough }
        let filedBefore = try store.filed(rescanned.map(\.identity.fingerprint), account: account, folder: stateKey)
        var kept: [MessagePlan] = []
        for var plan in plans {
            if state.rescanThrough > 0, plan.uid <= state.rescanThrough {
                let arrived = plan.identity.internalDate.flatMap { Int64($0) } ?? 0
                if arrived <= state.rescanSince || filedBefore.contains(plan.identity.fingerprint) { continue }
            }
            if delivered.contains(plan.identity.fingerprint) {
                // Put here by the daemon's own rules from another folder: filed once already. Filing it again
                // here could send it back, and two folders that copy to each other would multiply mail.
                plan.copies = []
                plan.disposition = .keep(flags: [])
                plan.notCarriedOut = ["put here by mailsift's rules from another folder: not filed again"]
            }
            kept.append(plan)
        }
        return kept
    }

    @discardableResult
    private func commit(_ batch: PendingBatch, report: BatchExecutor.Report, state: MailboxState) throws
        -> [ProcessingRecord]
    {
        let records = batch.plans.map { plan in
            let done = (report[plan.uid] ?? []) + plan.notCarriedOut.map { "not done: \($0)" }
            return ProcessingRecord(
                uid: plan.uid, identity: plan.identity, actions: done.joined(separator: "; "), rules: plan.decidedBy)
        }
        try store.commitBatch(
            batch, records: records, account: account, folder: stateKey, highestModSeq: state.highestModSeq,
            rescanThrough: state.rescanThrough, rescanSince: state.rescanSince)
        for record in records {
            logger.info(
                "\(record.actions)",
                metadata: [
                    "folder": "\(folder)", "uid": "\(record.uid)",
                    "message-id": "\(record.identity.messageID ?? "-")",
                ])
        }
        return records
    }

    /// Fetches what the rules read: the whole message when a rule reads the body, else the header or only the
    /// fields named (with those the message's identity needs); always with flags, size and arrival time. A
    /// message expunged meanwhile is simply not there.
    private func fetch(_ uids: [UInt32], each: (FetchedMessage) async throws -> Void) async throws {
        let needs = rules.needs
        let parts: FetchParts =
            needs.body
            ? .whole
            : needs.allHeaders
                ? .header
                : .headerFields(Array(Set(needs.headerFields.map { $0.lowercased() } + Self.identityFields)).sorted())
        try await connection.fetch(UIDSet(uids: uids), parts: parts, budget: fetchBudget, each: each)
    }

    /// A slice planned at once: as many messages as a header fetch brings in one answer, or fewer whole
    /// messages up to a few MiB.
    static let sliceMessages = 500
    static let sliceBytes = 8 << 20

    private static let identityFields =
        MessageIdentity.headerFields.map { $0.lowercased() }
        + ["return-path", "delivered-to", "x-original-to"]

    /// Every mailbox's name, and the one the server marks `\Junk` (RFC 6154), where spam goes.
    private func listMailboxes() async throws -> (names: Set<String>, junk: String?) {
        var names: Set<String> = ["INBOX"]
        var junk: String?
        for entry in try await connection.listMailboxes() {
            names.insert(entry.name.description)
            if junk == nil, entry.hasAttribute("\\Junk") { junk = entry.name.description }
        }
        return (names, junk)
    }

    /// The plan of a message the server refused to send: it stays where it is, and its record says why.
    static func unreadable(_ uid: UInt32, reason: String) -> MessagePlan {
        MessagePlan(
            uid: uid,
            identity: MessageIdentity(messageID: nil, date: nil, from: nil, subject: nil, size: 0, internalDate: nil),
            disposition: .keep(flags: []),
            notCarriedOut: ["the server refused to send it (\(reason)): it stays where it is"])
    }

    /// Parses one fetched message and runs the rules on it (called on the work pool).
    static func plan(
        for fetched: FetchedMessage, rules: FilingRules, folder: String, mailboxes: Set<String>, junk: String? = nil,
        memory: JunkMemory? = nil, learnsSpam: Bool = false
    ) -> MessagePlan {
        // A message too large to fetch whole (past the client's literal bound) comes without bytes: its rules
        // see its size and nothing else, and in doubt it stays where it is.
        let message = Message(fetched.bytes ?? [])
        let size = fetched.size ?? UInt64(message.bytes.count)
        let identity = MessageIdentity(
            message, size: size, internalDate: fetched.internalDate.map(MessageIdentity.describe))
        guard fetched.bytes != nil else {
            return MessagePlan(
                uid: fetched.uid, identity: identity, originalFlags: fetched.flags, disposition: .keep(flags: []),
                notCarriedOut: ["the message (\(size) bytes) is too large to read: it stays where it is"])
        }
        if learnsSpam {
            // Watched only to learn from the user's moves. SIGHUP does not restart an account: with the learner or
            // learn_on_move turned off since, the folder is left alone — not learned from, not filed by the rules.
            guard rules.spam?.watchedJunk != nil, let learner = rules.spam?.learner, let bytes = fetched.bytes else {
                var plan = MessagePlan(
                    uid: fetched.uid, identity: identity, originalFlags: fetched.flags, disposition: .keep(flags: []))
                plan.decidedBy = ["in Junk, watched to learn from, but learning is off now: left alone"]
                return plan
            }
            return learnedPlan(fetched, bytes: bytes, identity: identity, learner: learner, memory: memory)
        }
        // A message the user took out of Junk is learned as ham, and the scoring does not send it back.
        var rescued = false
        if let memory, let learner = rules.spam?.learner, let bytes = fetched.bytes, folder != memory.junk,
            folder != memory.serverJunk,
            memory.cameFromJunk(identity: identity.fingerprint, bytes: bytes, learner: learner)
        {
            rescued = true
            _ = try? learner.learn(bytes, as: .ham)
        }
        func address(_ name: String) -> String? {
            message.header.first(name).map {
                $0.unfoldedValue.trimmingSpaces(and: [UInt8(ascii: "<"), UInt8(ascii: ">")])
            }
        }
        let input = SieveInput(
            message: message, envelopeFrom: address("Return-Path"),
            envelopeTo: address("Delivered-To") ?? address("X-Original-To"),
            mailboxExists: { name in mailboxes.contains(name) || name.uppercased() == "INBOX" },
            now: Int64(Date().timeIntervalSince1970), messageSize: Int(clamping: size))
        var (outcome, errors, decidedBy) = rules.evaluate(input, junk: junk, rescued: rescued)
        if rescued { decidedBy.insert("taken out of Junk by the user: learned as ham", at: 0) }
        var plan = PlanBuilder.plan(
            outcome, uid: fetched.uid, identity: identity, flags: fetched.flags, folder: folder,
            decidedBy: decidedBy)
        plan.notCarriedOut += errors.map { "runtime error in \($0) (that script's actions were dropped)" }
        return plan
    }

    /// A message that arrived in the watched Junk folder: learned as spam unless the daemon put it there; it stays
    /// where it is (the user's rules never run on Junk).
    static func learnedPlan(
        _ fetched: FetchedMessage, bytes: [UInt8], identity: MessageIdentity, learner: SharedLearner,
        memory: JunkMemory?
    ) -> MessagePlan {
        var plan = MessagePlan(
            uid: fetched.uid, identity: identity, originalFlags: fetched.flags, disposition: .keep(flags: []))
        // Taken out of Junk by the user (learned as ham then) and now put back: the user's doing, though
        // mailsift's earlier move into Junk is still on record. Only a move of mailsift's since that lesson counts.
        let hamLesson = (try? learner.store.lesson(of: MessageFingerprint(of: bytes))).flatMap {
            $0.spamClass == .ham ? $0.learnedAt : nil
        }
        if memory?.deliveredToJunk(identity.fingerprint, since: hamLesson) == true {
            plan.decidedBy = ["put in Junk by mailsift: not learned"]
            return plan
        }
        do {
            switch try learner.learn(bytes, as: .spam) {
            case .learned: plan.decidedBy = ["moved to Junk by the user: learned as spam"]
            case .relearned:
                plan.decidedBy = ["moved to Junk by the user: learned as spam (it had been learned as ham)"]
            case .alreadyLearned: plan.decidedBy = ["moved to Junk by the user: already learned as spam"]
            }
        } catch {
            plan.notCarriedOut = ["could not be learned as spam: \(error)"]
        }
        return plan
    }
}
