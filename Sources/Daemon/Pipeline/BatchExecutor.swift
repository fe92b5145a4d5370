/// Carries out the plans of one batch on the server, in commands grouped by destination, in an order that lets a
/// crashed batch be finished without doing anything twice (see `BatchRecovery`):
///
/// 1. copies: for each group of messages going to one mailbox with the same new flags, the flags are added,
///    the messages copied (the copies carry the flags), and the flags taken off the originals again;
/// 2. flags of kept messages, added;
/// 3. moves, each group's flags added first;
/// 4. deletions (`discard`).
///
/// Moves and deletions come last, so a message still in the folder after a crash has had at most its copies
/// and flags done, which recovery can see. A refusal (NO) leaves the messages concerned where they are and
/// says why in their record; anything else ends the batch by throwing, and it stays recorded as under way.
struct BatchExecutor {
    let server: any FilingServer
    /// Copies that already exist (found by recovery): not made again.
    var existingCopies: Set<CopyKey> = []
    /// Mailboxes known to exist (LIST before the batch): `fileinto :create` sends no CREATE for them.
    var existingMailboxes: Set<String> = []
    /// More connections with the same folder selected (`mailsift sort`): moves to different mailboxes go out on
    /// them at once. A server does a move's work in the process of the connection that asked, and a move from
    /// a big folder costs it far more than the command's round trip, so a sort's 20 moves take a third of the
    /// time on three connections. Each message is in one move group, so the order between groups is free.
    var lanes: [any FilingServer] = []

    struct CopyKey: Hashable {
        var uid: UInt32
        var mailbox: String
    }

    /// What was done with each message, in words, by UID.
    typealias Report = [UInt32: [String]]

    func run(_ plans: [MessagePlan]) async throws -> Report {
        var report = Report()
        var created = existingMailboxes
        func note(_ uids: [UInt32], _ text: String) {
            for uid in uids { report[uid, default: []].append(text) }
        }
        func createIfAsked(_ delivery: MessagePlan.Delivery) async throws {
            guard delivery.create, !created.contains(delivery.mailbox) else { return }
            try await server.create(delivery.mailbox)
            created.insert(delivery.mailbox)
        }

        // 1. Copies.
        var copyGroups: [Group: [UInt32]] = [:]
        for plan in plans {
            for delivery in plan.copies
            where !existingCopies.contains(CopyKey(uid: plan.uid, mailbox: delivery.mailbox)) {
                copyGroups[Group(delivery, original: plan.originalFlags), default: []].append(plan.uid)
            }
            for delivery in plan.copies where existingCopies.contains(CopyKey(uid: plan.uid, mailbox: delivery.mailbox))
            {
                note([plan.uid], "copied to \(delivery.mailbox)")
            }
        }
        for (group, uids) in copyGroups.sorted(by: { $0.key < $1.key }) {
            do {
                try await createIfAsked(group.delivery)
                if !group.newFlags.isEmpty { try await server.addFlags(group.newFlags, to: uids) }
                try await server.copy(uids, to: group.delivery.mailbox)
                note(uids, "copied to \(group.delivery.mailbox)" + Self.describe(group.newFlags))
            } catch let refusal as FilingRefusal {
                note(uids, "not copied to \(group.delivery.mailbox): \(refusal.reason)")
            }
            if !group.newFlags.isEmpty { try await server.removeFlags(group.newFlags, from: uids) }
        }

        // 2. Flags of kept messages.
        var keepGroups: [[String]: [UInt32]] = [:]
        for plan in plans {
            guard case .keep(let flags) = plan.disposition else { continue }
            let added = flags.filter { !PlanBuilder.contains(plan.originalFlags, $0) }
            if added.isEmpty {
                if plan.copies.isEmpty { note([plan.uid], "kept") }
            } else {
                keepGroups[added, default: []].append(plan.uid)
            }
        }
        for (flags, uids) in keepGroups.sorted(by: { $0.key.lexicographicallyPrecedes($1.key) }) {
            do {
                try await server.addFlags(flags, to: uids)
                note(uids, "kept" + Self.describe(flags))
            } catch let refusal as FilingRefusal {
                note(uids, "kept; flags \(flags.joined(separator: " ")) not added: \(refusal.reason)")
            }
        }

        // 3. Moves: mailboxes created first, in order, then the groups shared out among the lanes.
        var moveGroups: [Group: [UInt32]] = [:]
        for plan in plans {
            guard case .move(let delivery) = plan.disposition else { continue }
            moveGroups[Group(delivery, original: plan.originalFlags), default: []].append(plan.uid)
        }
        var ready: [(Group, [UInt32])] = []
        for (group, uids) in moveGroups.sorted(by: { $0.key < $1.key }) {
            do {
                try await createIfAsked(group.delivery)
                ready.append((group, uids))
            } catch let refusal as FilingRefusal {
                note(uids, "kept: not moved to \(group.delivery.mailbox): \(refusal.reason)")
            }
        }
        for (uids, text) in try await moveInLanes(ready) { note(uids, text) }

        // 4. Deletions.
        let deleted = plans.filter { $0.disposition == .delete }.map(\.uid)
        if !deleted.isEmpty {
            do {
                try await server.delete(deleted)
                note(deleted, "deleted (discard)")
            } catch let refusal as FilingRefusal {
                note(deleted, "kept: not deleted: \(refusal.reason)")
            }
        }
        return report
    }

    /// Carries out the move groups, the biggest first, each on the lane with the least still to move; returns
    /// what was done, group by group. A lane that fails (not a refusal) fails the batch, which stays under way.
    private func moveInLanes(_ groups: [(Group, [UInt32])]) async throws -> [([UInt32], String)] {
        let servers = [server] + lanes
        var shares = Array(repeating: [(Group, [UInt32])](), count: servers.count)
        var loads = Array(repeating: 0, count: servers.count)
        for item in groups.sorted(by: { ($0.1.count, $1.0) > ($1.1.count, $0.0) }) {
            let lane = loads.indices.min { loads[$0] < loads[$1] } ?? 0
            shares[lane].append(item)
            loads[lane] += item.1.count
        }
        let existing = existingCopies
        return try await withThrowingTaskGroup(of: [([UInt32], String)].self) { tasks in
            for (lane, share) in shares.enumerated() where !share.isEmpty {
                let server = servers[lane]
                tasks.addTask {
                    var done: [([UInt32], String)] = []
                    for (group, uids) in share {
                        done.append((uids, try await Self.move(uids, group, on: server, existingCopies: existing)))
                    }
                    return done
                }
            }
            var done: [([UInt32], String)] = []
            for try await part in tasks { done += part }
            return done
        }
    }

    /// One move group: its new flags, then MOVE (or, in recovery without MOVE, the deletion of those whose copy
    /// exists already); a refusal leaves the messages where they are, their added flags taken off again.
    private static func move(
        _ uids: [UInt32], _ group: Group, on server: any FilingServer, existingCopies: Set<CopyKey>
    ) async throws -> String {
        let mailbox = group.delivery.mailbox
        do {
            if !group.newFlags.isEmpty { try await server.addFlags(group.newFlags, to: uids) }
            let copied = uids.filter { existingCopies.contains(CopyKey(uid: $0, mailbox: mailbox)) }
            let rest = uids.filter { !existingCopies.contains(CopyKey(uid: $0, mailbox: mailbox)) }
            if !copied.isEmpty { try await server.delete(copied) }
            if !rest.isEmpty { try await server.move(rest, to: mailbox) }
            return "moved to \(mailbox)" + describe(group.newFlags)
        } catch let refusal as FilingRefusal {
            if !group.newFlags.isEmpty { try? await server.removeFlags(group.newFlags, from: uids) }
            return "kept: not moved to \(mailbox): \(refusal.reason)"
        }
    }

    static func describe(_ flags: [String]) -> String {
        flags.isEmpty ? "" : " with flags \(flags.joined(separator: " "))"
    }

    /// Messages that go to one mailbox and get the same new flags: one command for all of them.
    struct Group: Hashable, Comparable {
        var delivery: MessagePlan.Delivery
        /// The delivery's flags the message does not have yet.
        var newFlags: [String]

        init(_ delivery: MessagePlan.Delivery, original: [String]) {
            self.delivery = MessagePlan.Delivery(mailbox: delivery.mailbox, create: delivery.create)
            newFlags = delivery.flags.filter { !PlanBuilder.contains(original, $0) }
        }

        static func < (a: Group, b: Group) -> Bool {
            (a.delivery.mailbox, a.newFlags.joined(separator: " ")) < (
                b.delivery.mailbox, b.newFlags.joined(separator: " ")
            )
        }
    }
}
