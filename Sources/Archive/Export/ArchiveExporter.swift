import Foundation
import MailboxFormats

/// Writes archived messages out, byte for byte: one `.eml` file each, a Maildir++ tree (one folder per archive
/// folder, flags in the file names), or one mboxrd file. It never overwrites: the destination must not exist
/// (an empty folder is accepted for `eml` and `maildir`).
public struct ArchiveExporter {
    public enum Format: String, Sendable, CaseIterable { case mbox, maildir, eml }

    let store: ArchiveStore
    let format: Format

    public init(store: ArchiveStore, format: Format) {
        self.store = store
        self.format = format
    }

    /// Exports `ids` to `destination`; returns how many messages were written.
    public func run(_ ids: [Int64], to destination: String, progress: (Int) -> Void = { _ in }) throws(ArchiveError) -> Int {
        try prepare(destination)
        var mbox: FileHandle?
        if format == .mbox {
            guard FileManager.default.createFile(atPath: destination, contents: nil), let handle = FileHandle(forWritingAtPath: destination)
            else { throw .io("cannot create \(destination)") }
            mbox = handle
        }
        defer { try? mbox?.close() }
        for (count, id) in ids.enumerated() {
            let bytes = try store.message(id)
            let (hit, flags, internalDate) = try store.hit(id)
            switch format {
            case .eml:
                try write(bytes, to: destination + "/\(id).eml")
            case .maildir:
                let folder = hit.folder == "INBOX" ? destination : destination + "/." + hit.folder.replacingOccurrences(of: "/", with: ".")
                try makeMaildir(folder)
                try write(bytes, to: folder + "/cur/\(internalDate ?? hit.date ?? 0).M\(id).mailsift" + MaildirFlags.suffix(for: flags))
            case .mbox:
                let sender = hit.sender.split(separator: "<").last.map { String($0.prefix { $0 != ">" }) } ?? ""
                let entry = MboxFormat.entry(
                    bytes, sender: sender.isEmpty || sender.contains(" ") ? "MAILER-DAEMON" : sender,
                    date: Self.asctime(internalDate ?? hit.date ?? 0))
                do { try mbox!.write(contentsOf: Data(entry)) } catch { throw .io("cannot write \(destination): \(error)") }
            }
            progress(count + 1)
        }
        if let mbox { do { try mbox.synchronize() } catch { throw .io("cannot fsync \(destination): \(error)") } }
        return ids.count
    }

    private func prepare(_ destination: String) throws(ArchiveError) {
        let manager = FileManager.default
        var isFolder: ObjCBool = false
        let exists = manager.fileExists(atPath: destination, isDirectory: &isFolder)
        switch format {
        case .mbox:
            guard !exists else { throw .input("\(destination) already exists; exporting never overwrites") }
        case .eml, .maildir:
            if exists {
                guard isFolder.boolValue, ((try? manager.contentsOfDirectory(atPath: destination)) ?? ["?"]).isEmpty else {
                    throw .input("\(destination) exists and is not an empty folder; exporting never overwrites")
                }
            }
            do { try manager.createDirectory(atPath: destination, withIntermediateDirectories: true) } catch {
                throw .io("cannot create \(destination): \(error)")
            }
            if format == .maildir { try makeMaildir(destination) }
        }
    }

    private func makeMaildir(_ path: String) throws(ArchiveError) {
        for sub in ["cur", "new", "tmp"] {
            do { try FileManager.default.createDirectory(atPath: path + "/" + sub, withIntermediateDirectories: true) } catch {
                throw .io("cannot create \(path)/\(sub): \(error)")
            }
        }
    }

    private func write(_ bytes: [UInt8], to path: String) throws(ArchiveError) {
        guard !FileManager.default.fileExists(atPath: path) else { throw .input("\(path) already exists") }
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else { throw .io("cannot write \(path)") }
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
