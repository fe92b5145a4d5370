import Archive
import Daemon
import Foundation
import IMAPClient
import IMAPCore
import MailMessage

/// Works out what an archive run of one account moves, from the server as it is now: each folder's policy, UID
/// SEARCH by the keep rules (and by internal date where that is all that counts), then the dates and sizes of the
/// candidates; with quota pressure, the oldest candidates of every folder until the use would be under the
/// target. Reads only (EXAMINE): a plan changes nothing.
public struct ArchivePlanner: Sendable {
    public let account: String
    public let policy: AccountArchivePolicy
    /// "Now", for the ages.
    public var now: Date

    public init(account: String, policy: AccountArchivePolicy, now: Date = Date()) {
        self.account = account
        self.policy = policy
        self.now = now
    }

    private struct Candidates {
        var folder: String
        var archiveFolder: String
        var uidValidity: UInt32
        var aged: [PlannedMessage] = []
        var others: [PlannedMessage] = []
        var deleted = 0
    }

    public func plan(on connection: IMAPConnection) async throws -> AccountPlan {
        let quotaBefore = try await Self.quotaUse(connection)
        var toFree: UInt64?
        if let pressure = policy.quota, let quotaBefore, quotaBefore.limitBytes > 0,
            quotaBefore.percent > Double(pressure.startPercent)
        {
            let target = quotaBefore.limitBytes * UInt64(pressure.targetPercent) / 100
            toFree = quotaBefore.usedBytes > target ? quotaBefore.usedBytes - target : 0
        }
        var skipped: [SkippedFolder] = []
        var found: [Candidates] = []
        for entry in try await connection.listMailboxes() {
            let name = entry.name.description
            if entry.hasAttribute("\\Noselect") || entry.hasAttribute("\\NonExistent") { continue }
            guard let levels = Self.levels(of: name, delimiter: entry.delimiter) else {
                skipped.append(
                    SkippedFolder(folder: name, reason: "its name holds a / that does not separate its levels"))
                continue
            }
            guard let folderPolicy = policy.policy(for: levels) else {
                skipped.append(SkippedFolder(folder: name, reason: "not archived by the configuration"))
                continue
            }
            guard folderPolicy.olderThanDays != nil || toFree != nil else {
                skipped.append(SkippedFolder(folder: name, reason: "no older_than_days, and no quota pressure"))
                continue
            }
            if let problem = FolderName.problem(levels) {
                skipped.append(SkippedFolder(folder: name, reason: "the archive cannot name it: \(problem)"))
                continue
            }
            if let candidates = try await candidates(
                in: entry.name, levels: levels, policy: folderPolicy, quotaPressure: toFree != nil, on: connection)
            {
                found.append(candidates)
            }
        }
        var chosen: [String: [PlannedMessage]] = [:]
        var freed: UInt64 = 0
        for folder in found {
            chosen[folder.folder] = folder.aged
            freed += folder.aged.reduce(0) { $0 + $1.size }
        }
        if let toFree, freed < toFree {
            // Oldest first across every folder; the UID breaks ties so that a plan is the same each time.
            let others = found.flatMap { folder in folder.others.map { (folder.folder, $0) } }.sorted {
                ($0.1.date, $0.0, $0.1.uid) < ($1.1.date, $1.0, $1.1.uid)
            }
            for (folder, message) in others {
                if freed >= toFree { break }
                var quota = message
                quota.reason = .quota
                chosen[folder, default: []].append(quota)
                freed += message.size
            }
        }
        let folders = found.compactMap { folder -> FolderPlan? in
            let messages = chosen[folder.folder] ?? []
            guard !messages.isEmpty || folder.deleted > 0 else { return nil }
            return FolderPlan(
                folder: folder.folder, archiveFolder: folder.archiveFolder, uidValidity: folder.uidValidity,
                messages: messages.sorted { $0.uid < $1.uid }, deleted: folder.deleted)
        }
        return AccountPlan(
            account: account, folders: folders, skipped: skipped, quotaBefore: quotaBefore,
            quotaAfter: quotaBefore?.freeing(folders.reduce(0) { $0 + $1.bytes }), quotaPressure: toFree != nil)
    }

    /// The messages of one folder its policy lets go: those old enough, and (under quota pressure) the others it
    /// does not keep, with their sizes and dates. Nil for an empty result.
    private func candidates(
        in mailbox: MailboxName, levels: String, policy: FolderPolicy, quotaPressure: Bool,
        on connection: IMAPConnection
    ) async throws -> Candidates? {
        let selected = try await connection.examine(mailbox)
        var keys: [SearchKey] = [.not(.deleted)]
        if policy.keepFlagged { keys.append(.not(.flagged)) }
        if policy.keepUnread { keys.append(.seen) }
        let cutoff = policy.olderThanDays.map { Int64(now.timeIntervalSince1970) - Int64($0) * 86_400 }
        if let cutoff, policy.ageBy == .internalDate, !quotaPressure {
            keys.append(.before(Self.imapDay(cutoff)))
        }
        var result = Candidates(
            folder: mailbox.description, archiveFolder: levels, uidValidity: selected.uidValidity)
        result.deleted = try await connection.searchUIDs(.deleted).count
        let uids = try await connection.searchUIDs(.and(keys))
        guard !uids.isEmpty else { return result.deleted > 0 ? result : nil }
        try await connection.fetch(UIDSet(uids: uids), parts: .headerFields(["Date"])) { message in
            let received = message.internalDate?.secondsSince1970 ?? 0
            var date = received
            if policy.ageBy == .dateHeader, let bytes = message.bytes, let header = Self.dateHeader(bytes) {
                date = header
            }
            let planned = PlannedMessage(uid: message.uid, size: message.size ?? 0, date: date, reason: .age)
            if let cutoff, date < cutoff {
                result.aged.append(planned)
            } else if quotaPressure {
                result.others.append(planned)
            }
        }
        return result.aged.isEmpty && result.others.isEmpty && result.deleted == 0 ? nil : result
    }

    /// The account's STORAGE use of the quota root holding INBOX, nil where the server has none.
    public static func quotaUse(_ connection: IMAPConnection) async throws -> QuotaUse? {
        guard let storage = try await connection.quotaRoot(for: .inbox).first(where: { $0.resource == "STORAGE" })
        else { return nil }
        return QuotaUse(usedBytes: storage.usageBytes, limitBytes: storage.limitBytes)
    }

    /// The folder's name with `/` between its levels, whatever the server's separator; nil when the name holds a
    /// `/` that is not one (the archive's folders are `/`-separated).
    static func levels(of name: String, delimiter: UInt8?) -> String? {
        guard let delimiter, delimiter != UInt8(ascii: "/") else { return name }
        if name.contains("/") { return nil }
        let separator = Character(Unicode.Scalar(delimiter))
        return String(name.map { $0 == separator ? "/" : $0 })
    }

    /// The Date header's time in a `BODY[HEADER.FIELDS (DATE)]` answer, nil when it has none or one that cannot
    /// be read.
    static func dateHeader(_ bytes: [UInt8]) -> Int64? {
        let text = String(decoding: bytes.prefix(4_096), as: UTF8.self)
        var value: String?
        for line in text.split(separator: "\r\n", omittingEmptySubsequences: false) {
            if let current = value {
                guard line.first == " " || line.first == "\t" else { break }
                value = current + line
            } else if line.lowercased().hasPrefix("date:") {
                value = String(line.dropFirst(5))
            }
        }
        return value.flatMap { DateParser.parse($0)?.secondsSince1970 }
    }

    /// The day of `seconds` (UTC) as IMAP SEARCH writes it: `1-Dec-2026`.
    static func imapDay(_ seconds: Int64) -> String {
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents(
            [.year, .month, .day], from: Date(timeIntervalSince1970: TimeInterval(seconds)))
        return "\(parts.day!)-\(months[parts.month! - 1])-\(parts.year!)"
    }
}
