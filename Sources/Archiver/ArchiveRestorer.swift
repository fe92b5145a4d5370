import Archive
import Foundation
import IMAPClient
import IMAPCore

/// Puts archived messages back on the server (`mailsift archive restore`): each with the flags and internal
/// date the catalogue kept, into the folder it was archived from (created if missing) or the one asked for, in
/// MULTIAPPEND batches where the server offers it. A message the target folder holds already (same content:
/// `ServerCopyFinder`) is skipped, so a second restore adds nothing and an interrupted one, run again, adds each
/// message once. The archive is only read: restored messages stay in it.
///
/// A refusal (a read-only folder, a full quota, a folder that cannot be created, a message the server will not
/// take) costs the messages it concerns, each reported with the server's words; the rest goes on. A lost
/// connection stops the restore (a new one, run again, skips what reached the server).
public final class ArchiveRestorer: Sendable {
    public let account: String
    public let options: RestoreOptions
    private let store: StoreBox

    /// Opens the account's store at `directory` to read.
    public init(account: String, storeDirectory directory: String, options: RestoreOptions = .init()) throws {
        guard FileManager.default.fileExists(atPath: directory + "/catalogue.sqlite") else {
            throw RestoreError.noArchive(directory)
        }
        self.account = account
        self.options = options
        store = StoreBox(try ArchiveStore(directory: directory, mode: .readOnly))
    }

    /// The archived messages `query` matches (every one for nil), at most `RestoreOptions.maxMessages`.
    public func candidates(matching query: SearchQuery?) async throws -> [RestoreCandidate] {
        try await options.work.runIfActive { [store] in
            try RestoreCandidate.matching(query, in: store.store, limit: RestoreOptions.maxMessages)
        }
    }

    /// Restores `candidates` over `connection` (logged in), folder by folder.
    public func restore(
        _ candidates: [RestoreCandidate], on connection: IMAPConnection,
        progress: @Sendable (ArchiveProgress) -> Void = { _ in }
    ) async throws -> RestoreReport {
        var report = RestoreReport(account: account, dryRun: options.dryRun)
        report.multiAppend = connection.hasCapability("MULTIAPPEND")
        let folders = try await RestoreFolders(connection.listMailboxes())
        var targets: [String] = []
        var groups: [String: [RestoreCandidate]] = [:]
        for candidate in candidates {
            let target = FolderPattern.normalized(options.toFolder ?? candidate.archiveFolder)
            if groups[target] == nil { targets.append(target) }
            groups[target, default: []].append(candidate)
        }
        var done = ArchiveProgress(
            messagesDone: 0, messages: candidates.count, bytesDone: 0,
            bytes: candidates.reduce(0) { $0 + UInt64($1.size) })
        progress(done)
        for target in targets {
            let messages = groups[target]!
            let folder = try await restore(messages, into: target, folders: folders, on: connection) { batch in
                done.messagesDone += batch.count
                done.bytesDone += batch.reduce(0) { $0 + UInt64($1.size) }
                progress(done)
            }
            report.folders.append(folder)
        }
        return report
    }

    /// One target folder: made if missing, then its messages batch by batch.
    private func restore(
        _ messages: [RestoreCandidate], into levels: String, folders: RestoreFolders, on connection: IMAPConnection,
        batchDone: ([RestoreCandidate]) -> Void
    ) async throws -> RestoreFolderReport {
        guard let name = folders.serverName(levels) else {
            var report = RestoreFolderReport(folder: levels)
            report.note = "its name cannot be written on this server: a level holds the server's separator"
            report.fail(messages, reason: report.note!)
            batchDone(messages)
            return report
        }
        var report = RestoreFolderReport(folder: name)
        let mailbox = MailboxName(name)
        var exists = folders.contains(levels)
        if !exists {
            report.created = true
            if !options.dryRun {
                do {
                    // False: it exists after all (another client made it meanwhile, or LIST did not show it).
                    report.created = try await connection.createMailbox(mailbox)
                    exists = true
                } catch let error as IMAPClientError where error.isRefused || error.isInvalidArgument {
                    report.created = false
                    report.note = "the folder does not exist and cannot be created: " + Self.serverAnswer(error)
                    report.fail(messages, reason: report.note!)
                    batchDone(messages)
                    return report
                }
            }
        }
        // An empty folder just made holds nothing to look for; one that exists is searched (read-only).
        var searchable = exists && !report.created
        if searchable {
            do {
                let selected = try await connection.examine(mailbox)
                searchable = selected.exists > 0
            } catch let error as IMAPClientError where error.isRefused {
                report.note = "the folder cannot be opened: " + Self.serverAnswer(error)
                report.fail(messages, reason: report.note!)
                batchDone(messages)
                return report
            }
        }
        var placed: Set<[UInt8]> = []
        for batch in Self.batches(messages, count: options.batchMessages, bytes: options.batchBytes) {
            try await restoreBatch(
                batch, to: mailbox, searchable: searchable, placed: &placed, on: connection, report: &report)
            batchDone(batch)
        }
        return report
    }

    private func restoreBatch(
        _ batch: [RestoreCandidate], to mailbox: MailboxName, searchable: Bool, placed: inout Set<[UInt8]>,
        on connection: IMAPConnection, report: inout RestoreFolderReport
    ) async throws {
        let read = try await options.work.runIfActive { [store] in
            zip(batch, store.store.messages(batch.map(\.id))).map { candidate, bytes in
                bytes.map { RestoreAppend(candidate, archived: $0) }
            }
        }
        var ready: [RestoreAppend] = []
        for (candidate, result) in zip(batch, read) {
            switch result {
            case .success(let message): ready.append(message)
            case .failure(let error):
                report.add(candidate, .failed, reason: "cannot be read from the archive: \(error.message)")
            }
        }
        let present =
            searchable
            ? try await ServerCopyFinder(connection: connection, budget: options.batchBytes).present(ready) : []
        var toAppend: [RestoreAppend] = []
        for message in ready {
            if present.contains(message.candidate.id) {
                report.add(message.candidate, .skipped, reason: "already in \(report.folder) (same content)")
                placed.formUnion(message.hashes)
            } else if !placed.isDisjoint(with: message.hashes) {
                report.add(
                    message.candidate, .skipped, reason: "the same message goes to \(report.folder) once")
            } else {
                toAppend.append(message)
                placed.formUnion(message.hashes)
            }
        }
        guard !options.dryRun else {
            for message in toAppend { report.add(message.candidate, .wouldRestore) }
            return
        }
        if toAppend.count > 1 && connection.hasCapability("MULTIAPPEND") {
            do {
                try await connection.append(toAppend.map(\.message), to: mailbox)
                for message in toAppend { report.add(message.candidate, .restored) }
                return
            } catch let error as IMAPClientError where error.isRefused || error.isInvalidArgument {
                // MULTIAPPEND stores all or none: each is tried alone, so that a refusal costs only its message
                // (under a full quota, the smaller ones may still fit).
            }
        }
        for message in toAppend {
            do {
                try await connection.append([message.message], to: mailbox)
                report.add(message.candidate, .restored)
            } catch let error as IMAPClientError where error.isRefused || error.isInvalidArgument {
                report.add(message.candidate, .failed, reason: "refused by the server: " + Self.serverAnswer(error))
            }
        }
    }

    /// Candidates cut into batches of at most `count` messages and `bytes` bytes (a larger one alone).
    static func batches(_ messages: [RestoreCandidate], count: Int, bytes: Int) -> [[RestoreCandidate]] {
        messages.budgetedBatches(maxCount: count, maxBytes: bytes) { $0.size }
    }

    /// `NO [OVERQUOTA] Quota exceeded`: the server's answer as it gave it, or the client's reason for not
    /// sending.
    static func serverAnswer(_ error: IMAPClientError) -> String {
        guard let response = error.response else { return error.message }
        var text = response.kind.rawValue
        if let code = response.code { text += " [\(Self.name(of: code))]" }
        return text + " " + response.text
    }

    private static func name(of code: ResponseCode) -> String {
        switch code {
        case .overQuota: return "OVERQUOTA"
        case .readOnly: return "READ-ONLY"
        case .tryCreate: return "TRYCREATE"
        case .alert: return "ALERT"
        case .other(let name, _): return name
        default: return String(describing: code)
        }
    }
}

extension RestoreFolderReport {
    mutating func add(_ candidate: RestoreCandidate, _ outcome: RestoredMessage.Outcome, reason: String? = nil) {
        messages.append(
            RestoredMessage(
                id: candidate.id, archiveFolder: candidate.archiveFolder, subject: candidate.subject,
                outcome: outcome, reason: reason))
    }

    mutating func fail(_ candidates: [RestoreCandidate], reason: String) {
        for candidate in candidates { add(candidate, .failed, reason: reason) }
    }
}
