import Foundation

/// A thing to import, found under the paths a user gave: an mbox (plain or gzip), a Maildir, or one message file.
public struct ImportSource: Sendable, Hashable {
    public enum Kind: Sendable, Hashable { case mbox, maildir, message }
    public let kind: Kind
    public let path: String
    /// The archive folder its messages go to, unless the user names one.
    public let folder: String

    /// Every source under `paths`: a folder with `cur/` and `new/` is a Maildir (its `.Sub` folders too); in
    /// other folders each file is looked at, recursively; a file is an mbox when it starts with `From ` (after
    /// gzip decoding if it is compressed), else one message.
    public static func find(_ paths: [String]) throws(ArchiveError) -> [ImportSource] {
        var sources: [ImportSource] = []
        for path in paths {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
                throw .input("\(path): no such file or folder")
            }
            let name = URL(fileURLWithPath: path).standardizedFileURL.lastPathComponent
            if isFolder.boolValue {
                try collect(folder: path, folderName: name, depth: 0, into: &sources)
            } else {
                sources.append(try file(path, folder: folderName(ofFile: name)))
            }
        }
        return sources
    }

    private static func collect(folder path: String, folderName: String, depth: Int, into sources: inout [ImportSource]) throws(ArchiveError) {
        guard depth < 16 else { throw .input("\(path): folders nested too deep") }
        if isMaildir(path) {
            sources.append(ImportSource(kind: .maildir, path: path, folder: depth == 0 ? "INBOX" : folderName))
            for sub in entries(path) where sub.hasPrefix(".") && isMaildir(path + "/" + sub) {
                let name = String(sub.dropFirst()).replacingOccurrences(of: ".", with: "/")
                sources.append(ImportSource(kind: .maildir, path: path + "/" + sub, folder: name))
            }
            return
        }
        for entry in entries(path) where !entry.hasPrefix(".") {
            let child = path + "/" + entry
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: child, isDirectory: &isFolder) else { continue }
            if isFolder.boolValue {
                try collect(folder: child, folderName: entry, depth: depth + 1, into: &sources)
            } else {
                sources.append(try file(child, folder: folderName))
            }
        }
    }

    private static func file(_ path: String, folder: String) throws(ArchiveError) -> ImportSource {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw .input("\(path): cannot be read") }
        defer { try? handle.close() }
        var head = [UInt8]((try? handle.read(upToCount: 5)) ?? Data())
        if Gunzip.isGzip(head) { return ImportSource(kind: .mbox, path: path, folder: folder) }
        head = Array(head.prefix(5))
        return ImportSource(kind: head == Array("From ".utf8) ? .mbox : .message, path: path, folder: folder)
    }

    /// "archive-2019.mbox.gz" → "archive-2019".
    static func folderName(ofFile name: String) -> String {
        var base = name
        for suffix in [".gz", ".mbox", ".mbx"] where base.lowercased().hasSuffix(suffix) && base.count > suffix.count {
            base = String(base.dropLast(suffix.count))
        }
        return base
    }

    private static func isMaildir(_ path: String) -> Bool {
        var isFolder: ObjCBool = false
        return FileManager.default.fileExists(atPath: path + "/cur", isDirectory: &isFolder) && isFolder.boolValue
            && FileManager.default.fileExists(atPath: path + "/new", isDirectory: &isFolder) && isFolder.boolValue
    }

    static func entries(_ path: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
    }
}
