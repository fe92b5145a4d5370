import Foundation
import MailboxFormats

/// Writes archived messages out, byte for byte: one `.eml` file each, a Maildir++ tree (one folder per archive
/// folder, flags in the file names), or one mboxrd file. It never overwrites and never follows a link: the
/// destination must not exist (an empty folder is accepted for `eml` and `maildir`), and every file is created
/// with `O_EXCL | O_NOFOLLOW` (`ExportFolder`), 0600 (0640 with `groupReadable`) whatever the umask.
///
/// A message that cannot be read intact (a damaged block) does not stop the export: every other message is
/// written, and the damaged ones are named in the summary.
public struct ArchiveExporter {
    public enum Format: String, Sendable, CaseIterable { case mbox, maildir, eml }

    /// What an export did.
    public struct Summary: Sendable {
        /// Messages written.
        public var written: Int
        /// Messages not written, with the reason (damaged in the archive, or an unusable folder name).
        public var failures: [(id: Int64, reason: String)]
    }

    let store: ArchiveStore
    let format: Format
    /// Files 0640 and folders 0750 rather than 0600 and 0700.
    public var groupReadable = false

    public init(store: ArchiveStore, format: Format) {
        self.store = store
        self.format = format
    }

    /// Exports `ids` to `destination`. Throws only when the destination cannot be written (it exists, the disk
    /// is full…); messages that cannot be read are reported in the summary and the others written.
    public func run(
        _ ids: [Int64], to destination: String, progress: (Int) -> Void = { _ in }
    ) throws(ArchiveError) -> Summary {
        let modes: FileModes = groupReadable ? .group : .private
        var mbox: Int32 = -1
        var folder: ExportFolder?
        switch format {
        case .mbox:
            try ExportFolder.makeParents(of: destination, modes: modes)
            mbox = try modes.createNewFile(destination)
        case .eml: folder = try ExportFolder.destination(destination, modes: modes)
        case .maildir:
            folder = try ExportFolder.destination(destination, modes: modes)
            for sub in ["cur", "new", "tmp"] { _ = try folder!.subfolder(sub) }
        }
        defer { if mbox >= 0 { close(mbox) } }
        var summary = Summary(written: 0, failures: [])
        for (count, id) in ids.enumerated() {
            defer { progress(count + 1) }
            let bytes: [UInt8]
            let (hit, flags, internalDate) = try store.hit(id)
            do throws(ArchiveError) {
                bytes = try store.message(id)
                if format == .maildir { try FolderName.check(hit.folder) }
            } catch let error where error.isDamage || error.isBadInput {
                summary.failures.append((id, error.message))
                continue
            }
            switch format {
            case .eml:
                try folder!.writeNewFile("\(id).eml", bytes)
            case .maildir:
                var target = folder!
                if hit.folder != "INBOX" {
                    target = try target.subfolder("." + hit.folder.replacingOccurrences(of: "/", with: "."))
                    for sub in ["cur", "new", "tmp"] { _ = try target.subfolder(sub) }
                }
                let name = "\(internalDate ?? hit.date ?? 0).M\(id).mailsift" + MaildirFlags.suffix(for: flags)
                try target.subfolder("cur").writeNewFile(name, bytes)
            case .mbox:
                let sender = hit.sender.split(separator: "<").last.map { String($0.prefix { $0 != ">" }) } ?? ""
                let entry = MboxFormat.entry(
                    bytes, sender: sender.isEmpty || sender.contains(" ") ? "MAILER-DAEMON" : sender,
                    date: Self.asctime(internalDate ?? hit.date ?? 0))
                try ExportFolder.writeAll(mbox, entry, shownAs: destination)
            }
            summary.written += 1
        }
        if mbox >= 0, fsync(mbox) != 0 { throw .io("cannot fsync \(destination)", errno: errno) }
        return summary
    }

    /// The date of an mbox separator line, in asctime's form, UTC ("Thu Nov 26 18:15:28 2026").
    static func asctime(_ seconds: Int64) -> String {
        var time = time_t(seconds)
        var parts = tm()
        gmtime_r(&time, &parts)
        var buffer = [CChar](repeating: 0, count: 64)
        let count = strftime(&buffer, buffer.count, "%a %b %e %H:%M:%S %Y", &parts)
        return String(decoding: buffer.prefix(count).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
