import Foundation
import Logging

/// Finishes a batch that a previous run left under way (it died between the first action and the commit).
///
/// The plan is replayed, not the rules run again, and only what is missing is done:
/// - a message no longer in the folder had its move or deletion done (they come last), so everything before
///   it was done too;
/// - a message still there may have some copies made: each mailbox that receives copies was marked (UIDVALIDITY,
///   UIDNEXT) before the batch began, and a copy of ours is a message from that mark on with the same
///   Message-ID, size and INTERNALDATE (COPY keeps them). Those are not copied again;
/// - flags are added, never toggled, so adding them again changes nothing; the flags a copy put on the original
///   for the time of the COPY are taken off again.
///
/// Two identical messages in one batch are matched one to one, so each still gets its own copy.
///
/// A copy the previous run had sent (`CopySent`) and that is not there yet may still be under way: a server
/// finishes a command it read even when the client is gone, and a busy one may get to it seconds later. Those
/// copies are waited for, looking again every half second, until they appear or `lateCopyWait` after the COPY
/// was sent; only then are the missing ones made. A note is dated by the wall clock of the run that wrote it: one
/// dated in the future (the clock was set back since) counts as sent now, so the wait never exceeds `lateCopyWait`.
enum BatchRecovery {
    /// The wall clock and the pause between looks, replaced by tests that must not wait for real.
    struct Waiting: Sendable {
        var now: @Sendable () -> Date = { Date() }
        var pause: @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
    }

    static func finish(
        _ batch: PendingBatch, server: any FilingServer, sent: [CopySent] = [], lateCopyWait: Duration = .zero,
        waiting: Waiting = Waiting(), logger: Logger? = nil
    ) async throws -> BatchExecutor.Report {
        // A note dated after this (the clock set back since it was written) counts as written now: one deadline
        // for all mailboxes, never past `lateCopyWait` from here.
        let started = waiting.now()
        let present = try await server.presentFlags(batch.plans.map(\.uid))
        var report = BatchExecutor.Report()
        var remaining: [MessagePlan] = []
        for plan in batch.plans {
            if present[plan.uid] != nil {
                remaining.append(plan)
                continue
            }
            switch plan.disposition {
            case .move(let delivery):
                report[plan.uid] = plan.copies.map { "copied to \($0.mailbox)" } + ["moved to \(delivery.mailbox)"]
            case .delete:
                report[plan.uid] = ["deleted (discard)"]
            case .keep:
                report[plan.uid] = ["gone from the folder before its actions were finished (deleted meanwhile?)"]
            }
        }

        var existing = Set<BatchExecutor.CopyKey>()
        for (mailbox, mark) in batch.copyMarks.sorted(by: { $0.key < $1.key }) {
            let wanting = remaining.filter { plan in
                plan.copies.contains { $0.mailbox == mailbox }
                    || (!server.hasMove && plan.disposition.destination == mailbox)
            }
            guard !wanting.isEmpty else { continue }
            var copied = try await copiesFound(for: wanting, in: mailbox, since: mark, server)
            // Each copy is waited for until `lateCopyWait` after the latest note that names it (a note for other
            // messages, a later recovery's, does not hold up one sent long ago).
            var deadlines: [UInt32: Date] = [:]
            for note in sent where note.mailbox == mailbox {
                let until = min(note.sentAt, started).addingTimeInterval(lateCopyWait.seconds)
                for uid in note.uids { deadlines[uid] = max(deadlines[uid] ?? until, until) }
            }
            func awaited() -> [UInt32] {
                let now = waiting.now()
                return wanting.map(\.uid).filter { uid in
                    !copied.contains(uid) && deadlines[uid].map { now < $0 } == true
                }
            }
            let stillAwaited = awaited()
            if !stillAwaited.isEmpty {
                let deadline = stillAwaited.compactMap { deadlines[$0] }.max() ?? started
                logger?.notice(
                    "waiting until \(deadline) for \(stillAwaited.count) copies to \(mailbox) the previous run sent")
                while !awaited().isEmpty {
                    try await waiting.pause(.milliseconds(500))
                    copied = try await copiesFound(for: wanting, in: mailbox, since: mark, server)
                }
            }
            for uid in copied { existing.insert(.init(uid: uid, mailbox: mailbox)) }
        }

        // Flags a copy added to an original and that are still on it: taken off before the plan goes on.
        var lingering: [[String]: [UInt32]] = [:]
        for plan in remaining {
            let added = plan.copies.flatMap(\.flags).filter { flag in
                !PlanBuilder.contains(plan.originalFlags, flag) && PlanBuilder.contains(present[plan.uid] ?? [], flag)
            }
            let unique = PlanBuilder.union([], added)
            if !unique.isEmpty { lingering[unique, default: []].append(plan.uid) }
        }
        for (flags, uids) in lingering { try await server.removeFlags(flags, from: uids) }

        var executor = BatchExecutor(server: server)
        executor.existingCopies = existing
        for (uid, lines) in try await executor.run(remaining) { report[uid, default: []] += lines }
        return report
    }

    /// The UIDs of `wanting` whose copy is in `mailbox` since `mark`, matched one to one.
    private static func copiesFound(
        for wanting: [MessagePlan], in mailbox: String, since mark: PendingBatch.MailboxMark,
        _ server: any FilingServer
    ) async throws -> Set<UInt32> {
        var found = try await server.identities(in: mailbox, since: mark)
        var copied = Set<UInt32>()
        for plan in wanting {
            guard let index = found.firstIndex(where: { $0.isCopy(of: plan.identity) }) else { continue }
            found.remove(at: index)
            copied.insert(plan.uid)
        }
        return copied
    }
}

extension MessagePlan.Disposition {
    /// The mailbox a move goes to.
    var destination: String? {
        if case .move(let delivery) = self { return delivery.mailbox } else { return nil }
    }
}
