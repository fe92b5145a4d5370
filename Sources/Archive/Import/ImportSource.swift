import Foundation
import Glibc

/// A thing to import, found under the paths a user gave: a Maildir, or a file — an mbox (plain or gzip) or one
/// message, told apart when it is read (`SourceReader`). It is named by the path the user gave, made absolute and
/// free of links (`root`, `ImportRoot`), and the entries below it, which are opened one by one without following
/// links (`ImportTree`).
public struct ImportSource: Sendable, Hashable {
    public enum Kind: Sendable, Hashable { case maildir, file }
    public let kind: Kind
    /// The path shown to the user.
    public let path: String
    let root: String
    let components: [String]
    /// The archive folder its messages go to, unless the user names one: a Maildir's name ("INBOX" for its
    /// root), an mbox file's name without extensions, or a message file's folder.
    let folder: String
    let folderIfMbox: String

    init(kind: Kind, root: String, components: [String], folder: String, folderIfMbox: String? = nil) {
        self.kind = kind
        self.root = root
        self.components = components
        self.path = ([root] + components).joined(separator: "/")
        self.folder = folder
        self.folderIfMbox = folderIfMbox ?? folder
    }

    /// What `find` found: the sources, the entries it did not read (links, FIFOs, devices…) with why, and the
    /// folders it could not walk (unreadable, nested too deep, swapped for a link while walked) with why.
    public struct Found: Sendable {
        public var sources: [ImportSource] = []
        public var skipped: [(source: String, reason: String)] = []
        public var failures: [(source: String, reason: String)] = []
    }

    /// Every source under `paths`: a folder with `cur/` or `new/` is a Maildir (its `.Sub` folders too); other
    /// folders are walked, recursively, and each file in them is a source. Below each path, links are not
    /// followed and entries that are not files or folders are skipped, each named in `skipped`.
    public static func find(_ paths: [String]) throws(ArchiveError) -> Found {
        var found = Found()
        for given in paths {
            // Absolute and free of links, following only root's and the invoking user's (`ImportRoot`): what is
            // read, and how it is named in every report.
            let path = try ImportRoot.resolve(given)
            var status = stat()
            guard lstat(path, &status) == 0 else { throw .input("\(given): no such file or folder") }
            let name = URL(fileURLWithPath: path).lastPathComponent
            if status.st_mode & S_IFMT == S_IFDIR {
                try collect(root: path, [], folderName: name, into: &found)
            } else {
                let parent = URL(fileURLWithPath: path).deletingLastPathComponent().lastPathComponent
                found.sources.append(
                    ImportSource(
                        kind: .file, root: path, components: [], folder: parent, folderIfMbox: folderName(ofFile: name))
                )
            }
        }
        return found
    }

    private static func collect(
        root: String, _ components: [String], folderName: String, into found: inout Found
    ) throws(ArchiveError) {
        let path = ([root] + components).joined(separator: "/")
        guard components.count < 16 else { throw .input("\(path): folders nested too deep") }
        let entries = try listing(root: root, components)
        if isMaildir(entries) {
            let isInbox = components.isEmpty || folderName == "Maildir"
            found.sources.append(
                ImportSource(kind: .maildir, root: root, components: components, folder: isInbox ? "INBOX" : folderName)
            )
            for entry in entries where entry.name.hasPrefix(".") && entry.name.count > 1 {
                guard entry.kind == .folder else {
                    if case .skipped(let reason) = entry.kind {
                        found.skipped.append((path + "/" + entry.name, reason))
                    }
                    continue
                }
                let sub = components + [entry.name]
                let subEntries: [ImportTree.Entry]
                do {
                    subEntries = try listing(root: root, sub)
                } catch {
                    found.failures.append((path + "/" + entry.name, error.reason(about: path + "/" + entry.name)))
                    continue
                }
                // Not a mail folder (no cur or new at all) is left alone; one whose cur or new is a link or
                // unreadable is a source, so that reading it names what it cannot read.
                guard isMaildir(subEntries) else { continue }
                let name = String(entry.name.dropFirst()).replacingOccurrences(of: ".", with: "/")
                found.sources.append(ImportSource(kind: .maildir, root: root, components: sub, folder: name))
            }
            return
        }
        for entry in entries where !entry.name.hasPrefix(".") {
            switch entry.kind {
            case .folder:
                // A folder that cannot be walked is named and the rest imported: one bad folder (or a hostile
                // user's) must not stop an administrator's import of everything else.
                do {
                    try collect(root: root, components + [entry.name], folderName: entry.name, into: &found)
                } catch {
                    let shown = path + "/" + entry.name
                    found.failures.append((shown, error.reason(about: shown)))
                }
            case .file:
                found.sources.append(
                    ImportSource(
                        kind: .file, root: root, components: components + [entry.name], folder: folderName,
                        folderIfMbox: Self.folderName(ofFile: entry.name)))
            case .skipped(let reason):
                found.skipped.append((path + "/" + entry.name, reason))
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

    /// A folder holding a `cur` or `new` that is not a plain file: a `cur` that is a link is still a Maildir's (named
    /// when read, not walked as a plain folder whose `tmp` would be imported).
    private static func isMaildir(_ entries: [ImportTree.Entry]) -> Bool {
        entries.contains { ($0.name == "cur" || $0.name == "new") && $0.kind != .file }
    }

    static func listing(root: String, _ components: [String]) throws(ArchiveError) -> [ImportTree.Entry] {
        let descriptor = try ImportTree.open(root: root, components, folder: true)
        defer { close(descriptor) }
        return try ImportTree.entries(ofFolder: descriptor, path: ([root] + components).joined(separator: "/"))
    }
}
