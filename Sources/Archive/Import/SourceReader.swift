import Foundation

/// Reads the messages of one import source, with bounds: a file larger than `maxFileBytes` (after gzip
/// decoding) is refused rather than read into memory.
struct SourceReader {
    var maxFileBytes: Int

    func messages(of source: ImportSource) throws(ArchiveError) -> [ImportedMessage] {
        switch source.kind {
        case .message:
            let bytes = try read(source.path)
            return [ImportedMessage(bytes: bytes, source: source.path, flags: [], internalDate: modificationTime(source.path))]
        case .mbox:
            let file = try read(source.path)
            return MboxFormat.messageRanges(file).enumerated().map { index, range in
                ImportedMessage(
                    bytes: MboxFormat.unquote(file[range]), source: "\(source.path)#\(index + 1)", flags: [], internalDate: nil)
            }
        case .maildir:
            var messages: [ImportedMessage] = []
            for sub in ["new", "cur"] {
                for name in ImportSource.entries(source.path + "/" + sub) where !name.hasPrefix(".") {
                    let path = source.path + "/" + sub + "/" + name
                    messages.append(
                        ImportedMessage(
                            bytes: try read(path), source: path, flags: MaildirFlags.flags(fromFileName: name),
                            internalDate: modificationTime(path)))
                }
            }
            return messages
        }
    }

    private func read(_ path: String) throws(ArchiveError) -> [UInt8] {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        let size = (attributes?[.size] as? NSNumber)?.intValue ?? 0
        guard size <= maxFileBytes else { throw .input("\(path): \(size) bytes, more than the limit of \(maxFileBytes)") }
        guard let data = FileManager.default.contents(atPath: path) else { throw .input("\(path): cannot be read") }
        let bytes = [UInt8](data)
        guard Gunzip.isGzip(bytes) else { return bytes }
        do {
            return try Gunzip.decode(bytes, limit: maxFileBytes)
        } catch {
            throw .input("\(path): \(error.message)")
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
    var flags: [String]
    var internalDate: Int64?
}
