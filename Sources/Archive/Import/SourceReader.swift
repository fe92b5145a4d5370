import Foundation
import MailboxFormats

/// Reads the messages of one import source, with bounds: a file larger than `maxFileBytes` (after gzip
/// decoding) is refused rather than read into memory.
struct SourceReader {
    var maxFileBytes: Int

    func messages(of source: ImportSource) throws(ArchiveError) -> [ImportedMessage] {
        switch source.kind {
        case .file:
            let (file, wasCompressed) = try read(source.path)
            let ranges = MboxFormat.messageRanges(file)
            guard isMbox(source.path, file, wasCompressed: wasCompressed, messages: ranges.count) else {
                return [ImportedMessage(bytes: file, source: source.path, folder: source.folder, flags: [], internalDate: modificationTime(source.path))]
            }
            return ranges.enumerated().map { index, range in
                ImportedMessage(
                    bytes: MboxFormat.unquote(file[range]), source: "\(source.path)#\(index + 1)", folder: source.folderIfMbox,
                    flags: [], internalDate: nil)
            }
        case .maildir:
            var messages: [ImportedMessage] = []
            for sub in ["new", "cur"] {
                for name in ImportSource.entries(source.path + "/" + sub) where !name.hasPrefix(".") {
                    let path = source.path + "/" + sub + "/" + name
                    messages.append(
                        ImportedMessage(
                            bytes: try read(path).bytes, source: path, folder: source.folder,
                            flags: MaildirFlags.flags(fromFileName: name),
                            internalDate: modificationTime(path)))
                }
            }
            return messages
        }
    }

    /// An mbox is a gzip file, a file named `.mbox`/`.mbx`, or one that starts with a `From ` line and holds
    /// several messages. A single message that starts with an envelope `From ` line (as in the SpamAssassin
    /// corpus) is kept whole, that line included, so that it comes back exactly as it was given.
    private func isMbox(_ path: String, _ file: [UInt8], wasCompressed: Bool, messages: Int) -> Bool {
        let name = path.lowercased()
        if wasCompressed || name.hasSuffix(".mbox") || name.hasSuffix(".mbx") { return true }
        return file.starts(with: Array("From ".utf8)) && messages > 1
    }

    private func read(_ path: String) throws(ArchiveError) -> (bytes: [UInt8], wasCompressed: Bool) {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        let size = (attributes?[.size] as? NSNumber)?.intValue ?? 0
        guard size <= maxFileBytes else { throw .input("\(path): \(size) bytes, more than the limit of \(maxFileBytes)") }
        guard let data = FileManager.default.contents(atPath: path) else { throw .input("\(path): cannot be read") }
        let bytes = [UInt8](data)
        guard Gunzip.isGzip(bytes) else { return (bytes, false) }
        do {
            return (try Gunzip.decode(bytes, limit: maxFileBytes), true)
        } catch {
            throw .input("\(path): \(error)")
        }
    }

    private func modificationTime(_ path: String) -> Int64? {
        let date = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
        return date.map { Int64($0.timeIntervalSince1970) }
    }
}

/// One message read from an import source.
struct ImportedMessage {
    var bytes: [UInt8]
    var source: String
    var folder: String
    var flags: [String]
    var internalDate: Int64?
}
