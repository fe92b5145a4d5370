import IMAPCore

extension IMAPConnection {
    /// Fetches whole messages of the selected mailbox without holding more than about `budget` bytes of them at
    /// once: their sizes first (UID FETCH RFC822.SIZE), then BODY.PEEK[] for as many as fit the budget per
    /// command (a larger message goes alone), handing each to `each` in UID order before the next command.
    /// Messages expunged meanwhile are skipped. Returns how many body FETCH commands it took.
    @discardableResult
    public func fetchMessages(
        _ uids: UIDSet, budget: Int = 32 << 20, each: (_ uid: UInt32, _ bytes: [UInt8]) async throws -> Void
    ) async throws -> Int {
        var sizes: [(uid: UInt32, size: UInt64)] = []
        for chunk in uids.chunked() {
            let completion = try await execute(.uidFetch(chunk, items: [.uid, .rfc822Size], changedSince: nil))
            for case .fetch(_, let attributes) in completion.untagged {
                var uid: UInt32?
                var size: UInt64?
                for attribute in attributes {
                    if case .uid(let value) = attribute { uid = value }
                    if case .rfc822Size(let value) = attribute { size = value }
                }
                if let uid, let size, uids.contains(uid) { sizes.append((uid, size)) }
            }
        }
        sizes.sort { $0.uid < $1.uid }

        var commands = 0
        var start = 0
        while start < sizes.count {
            var end = start + 1
            var total = sizes[start].size
            while end < sizes.count, total + sizes[end].size <= UInt64(budget) {
                total += sizes[end].size
                end += 1
            }
            let batch = UIDSet(uids: sizes[start..<end].map(\.uid))
            commands += 1
            // The bodies are expected: the bound on a command's untagged data comes on top of them.
            let expected = Int(clamping: total)
            let completion = try await execute(
                .uidFetch(batch, items: [.uid, .body], changedSince: nil), expectedDataBytes: expected)
            var bodies: [(UInt32, [UInt8])] = []
            for case .fetch(_, let attributes) in completion.untagged {
                var uid: UInt32?
                var data: [UInt8]?
                for attribute in attributes {
                    if case .uid(let value) = attribute { uid = value }
                    if case .body(let section, nil, let bytes?) = attribute, section.isEmpty { data = bytes }
                }
                if let uid, let data, batch.contains(uid) { bodies.append((uid, data)) }
            }
            for (uid, data) in bodies.sorted(by: { $0.0 < $1.0 }) { try await each(uid, data) }
            start = end
        }
        return commands
    }
}
