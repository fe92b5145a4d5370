import IMAPCore

/// Which part of each message `IMAPConnection.fetch` brings: only what the rules need.
public enum FetchParts: Sendable, Hashable {
    /// BODY.PEEK[HEADER.FIELDS (…)]: these header fields only (at least one name).
    case headerFields([String])
    /// BODY.PEEK[HEADER]: the whole header.
    case header
    /// BODY.PEEK[]: the whole message.
    case whole

    /// Whether bytes of `part` are what was asked for.
    func matches(_ part: FetchedMessage.Part?) -> Bool {
        switch (self, part) {
        case (.whole, .whole?), (.header, .header?), (.headerFields, .headerFields?): return true
        default: return false
        }
    }
}

extension IMAPConnection {
    /// Messages of a header fetch per command, at most: a header is a few KiB, so 500 of them make an answer of
    /// a few MiB, and a mailbox of many new messages still takes few round trips.
    static let maxHeaderBatch = 500

    /// Fetches messages of the selected mailbox, each with UID, FLAGS, RFC822.SIZE and INTERNALDATE (and MODSEQ
    /// when the mailbox was selected with CONDSTORE) and the part asked for, handing them to `each` in UID order.
    ///
    /// In slices of at most `maxMetadataBatch` messages. Whole messages: first their metadata (UID FETCH …
    /// RFC822.SIZE), so only messages that exist are asked for and their sizes are known; then the messages, as
    /// many as fit the budget in each command (a larger one goes alone). Headers: with their metadata in one
    /// command for each `maxHeaderBatch` UIDs (an answer bounded by the budget). A message larger than `IMAPLimits.maxLiteralBytes` cannot
    /// be fetched whole: it is handed over without bytes (`bytes == nil`, `size` set) for the caller to decide.
    /// Messages expunged meanwhile, and UIDs the server adds that were not asked for (`n:*` always names the
    /// last message), are skipped. Returns how many part FETCH commands it took.
    @discardableResult
    public func fetch(
        _ uids: UIDSet, parts: FetchParts, budget: Int = 32 << 20, each: (FetchedMessage) async throws -> Void
    ) async throws -> Int {
        let item: FetchItem
        switch parts {
        case .headerFields(let names):
            guard !names.isEmpty else { throw IMAPClientError.invalidArgument("HEADER.FIELDS with no field name") }
            item = .headerFields(names)
        case .header: item = .header
        case .whole: item = .body
        }
        let metadata: [FetchItem] = [.uid, .flags, .rfc822Size, .internalDate] + (condStoreSelected ? [.modSeq] : [])

        var commands = 0
        for slice in try await metadataSlices(uids) {
            if parts != .whole {
                commands += try await fetchHeaders(
                    of: slice, item: item, parts: parts, metadata: metadata, budget: budget, each: each)
                continue
            }
            let completion = try await execute(.uidFetch(slice, items: metadata, changedSince: nil))
            let found = FetchedMessage.messages(in: completion.untagged).filter { slice.contains($0.uid) }
            commands += try await fetchParts(
                of: found, item: item, parts: parts, metadata: metadata, budget: budget, each: each)
        }
        return commands
    }

    /// UIDs of at most this many messages have their metadata fetched by one command: the answer is about 200
    /// bytes a message as `IMAPLimits.maxUntaggedBytesPerCommand` counts it (10 MiB), and the messages found are
    /// handled before the next slice, so memory stays bounded for a mailbox of any size.
    static let maxMetadataBatch = 50_000

    /// `uids` in ascending slices of at most `maxMetadataBatch` UIDs, each short enough for a command line. A
    /// range wider than that (`1:*`) is first narrowed to the messages that exist (UID SEARCH, bounded by
    /// `IMAPLimits.maxSearchResults`): sliced blindly, `n:*` would take four billion UIDs' worth of commands.
    private func metadataSlices(_ uids: UIDSet) async throws -> [UIDSet] {
        var slices: [UIDSet] = []
        var small: [ClosedRange<UInt32>] = []
        var smallCount = 0
        func flush() {
            if !small.isEmpty { slices += UIDSet(small).chunked() }
            small = []
            smallCount = 0
        }
        for range in uids.mergedRanges() {
            let count = Int(range.upperBound - range.lowerBound) + 1
            if count > Self.maxMetadataBatch {
                flush()
                let existing = try await searchUIDs(.uids(UIDSet([range]))).filter { range.contains($0) }
                for start in stride(from: 0, to: existing.count, by: Self.maxMetadataBatch) {
                    slices += UIDSet(uids: existing[start..<min(start + Self.maxMetadataBatch, existing.count)])
                        .chunked()
                }
            } else {
                if smallCount + count > Self.maxMetadataBatch { flush() }
                small.append(range)
                smallCount += count
            }
        }
        flush()
        return slices
    }

    /// Headers need no sizes first (a header is never larger than its message, and a batch's answer is bounded
    /// by the budget): metadata and header come in one command for each `maxHeaderBatch` UIDs of `slice`.
    private func fetchHeaders(
        of slice: UIDSet, item: FetchItem, parts: FetchParts, metadata: [FetchItem], budget: Int,
        each: (FetchedMessage) async throws -> Void
    ) async throws -> Int {
        var commands = 0
        var batch: [ClosedRange<UInt32>] = []
        var count = 0
        func send() async throws {
            let set = UIDSet(batch)
            batch = []
            count = 0
            commands += 1
            let completion = try await execute(
                .uidFetch(set, items: metadata + [item], changedSince: nil), expectedDataBytes: max(budget, 0))
            for message in FetchedMessage.messages(in: completion.untagged)
            where set.contains(message.uid) && parts.matches(message.part) {
                try await each(message)
            }
        }
        for range in slice.mergedRanges() {
            var low = range.lowerBound
            while true {
                let room = UInt32(Self.maxHeaderBatch - count)
                let high = range.upperBound - low < room ? range.upperBound : low + (room - 1)
                batch.append(low...high)
                count += Int(high - low) + 1
                if count == Self.maxHeaderBatch { try await send() }
                if high == range.upperBound { break }
                low = high + 1
            }
        }
        if !batch.isEmpty { try await send() }
        return commands
    }

    /// The parts of `found` (one slice's messages with their metadata, in UID order), in batches; returns how
    /// many FETCH commands it took.
    private func fetchParts(
        of found: [FetchedMessage], item: FetchItem, parts: FetchParts, metadata: [FetchItem], budget: Int,
        each: (FetchedMessage) async throws -> Void
    ) async throws -> Int {
        let budget = UInt64(max(budget, 0))
        let maxWhole = UInt64(limits.maxLiteralBytes)
        var commands = 0
        var start = 0
        while start < found.count {
            // One message at least; then more while they fit the budget (whole) or up to the batch size
            // (headers). A missing size counts as 0: the bound on untagged data still holds the answer. A message
            // too large to fetch whole takes no room: it is handed over in its place, without bytes.
            var end = start
            var total: UInt64 = 0
            var members: [UInt32] = []
            while end < found.count {
                let size = found[end].size ?? 0
                if parts == .whole && size > maxWhole {
                    end += 1
                    continue
                }
                if !members.isEmpty {
                    if parts == .whole {
                        guard total <= budget, size <= budget - total else { break }
                    } else {
                        guard members.count < Self.maxHeaderBatch else { break }
                    }
                }
                total = total.addingReportingOverflow(size).overflow ? .max : total + size
                members.append(found[end].uid)
                end += 1
            }
            var fetched: [UInt32: FetchedMessage] = [:]
            if !members.isEmpty {
                let batch = UIDSet(uids: members)
                commands += 1
                // The parts are expected: the bound on a command's untagged data comes on top of them. A header
                // is never larger than its message, and a batch never expects more than the budget (or its one
                // message).
                let expected = parts == .whole ? total : min(total, budget)
                let completion = try await execute(
                    .uidFetch(batch, items: metadata + [item], changedSince: nil),
                    expectedDataBytes: Int(clamping: expected))
                for message in FetchedMessage.messages(in: completion.untagged)
                where batch.contains(message.uid) && parts.matches(message.part) {
                    fetched[message.uid] = message
                }
            }
            for before in found[start..<end] {
                if parts == .whole, let size = before.size, size > maxWhole {
                    try await each(before)
                } else if let message = fetched[before.uid] {
                    try await each(message.merged(with: before))
                }
            }
            start = end
        }
        return commands
    }

    /// Fetches whole messages of the selected mailbox without holding more than about `budget` bytes of them at
    /// once (`fetch(_:parts:budget:each:)` with `.whole`), handing each UID and its bytes to `each` in UID order.
    /// Messages expunged meanwhile, and those too large to fetch, are skipped. Returns how many body FETCH
    /// commands it took.
    @discardableResult
    public func fetchMessages(
        _ uids: UIDSet, budget: Int = 32 << 20, each: (_ uid: UInt32, _ bytes: [UInt8]) async throws -> Void
    ) async throws -> Int {
        try await fetch(uids, parts: .whole, budget: budget) { message in
            if let bytes = message.bytes { try await each(message.uid, bytes) }
        }
    }
}
