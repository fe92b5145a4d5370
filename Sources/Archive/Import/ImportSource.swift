import Foundation

/// A thing to import, found under the paths a user gave: a Maildir, or a file — an mbox (plain or gzip) or one
/// message, told apart when it is read (`SourceReader`).
public struct ImportSource: Sendable, Hashable {
    public enum Kind: Sendable, Hashable { case maildir, file }
    public let kind: Kind
    public let path: String
    /// The archive folder its messages go to, unless the user names one: a Maildir's name ("INBOX" for its
    /// root), an mbox file's name without extensions, or a message file's folder.
    let folder: String
    let folderIfMbox: String

    init(kind: Kind, path: String, folder: String, folderIfMbox: String? = nil) {
        self.kind = kind
        self.path = path
        self.folder = folder
        self.folderIfMbox = folderIfMbox ?? folder
    }

    /// Every source under `paths`: a folder with `cur/` or `new/` is a Maildir (its `.Sub` folders too); other
    /// folders are walked, recursively, and each file in them is a source.
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
                let parent = URL(fileURLWithPath: path).standardizedFileURL.deletingLastPathComponent().lastPathComponent
                sources.append(ImportSource(kind: .file, path: path, folder: parent, folderIfMbox: Self.folderName(ofFile: name)))
            }
        }
        return sources
    }

    private static func collect(
        folder path: String, folderName: String, depth: Int, into sources: inout [ImportSource]
    ) throws(ArchiveError) {
        guard depth < 16 else { throw .input("\(path): folders nested too deep") }
        if isMaildir(path) {
            let isInbox = depth == 0 || folderName == "Maildir"
            sources.append(ImportSource(kind: .maildir, path: path, folder: isInbox ? "INBOX" : folderName))
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
                sources.append(ImportSource(kind: .file, path: child, folder: folderName, folderIfMbox: Self.folderName(ofFile: entry)))
            }
        }
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
        for sub in ["cur", "new"] where FileManager.default.fileExists(atPath: path + "/" + sub, isDirectory: &isFolder) {
            if isFolder.boolValue { return true }
        }
        return false
    }

    static func entries(_ path: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
    }
}
