import IMAPCore

/// The server's folders as a restore sees them: which exist (by their levels, `/`-separated, INBOX in any
/// case) and the separator that turns an archive folder's levels into the server's name.
struct RestoreFolders: Sendable {
    /// The hierarchy separator; nil for a flat namespace.
    let delimiter: UInt8?
    private let existing: Set<String>

    init(_ entries: [MailboxListEntry]) {
        delimiter =
            entries.first { $0.name.description.uppercased() == "INBOX" }?.delimiter
            ?? entries.lazy.compactMap(\.delimiter).first
        var existing: Set<String> = []
        for entry in entries where !entry.hasAttribute("\\Noselect") && !entry.hasAttribute("\\NonExistent") {
            if let levels = ArchivePlanner.levels(of: entry.name.description, delimiter: entry.delimiter) {
                existing.insert(FolderPattern.normalized(levels))
            }
        }
        self.existing = existing
    }

    func contains(_ levels: String) -> Bool { existing.contains(FolderPattern.normalized(levels)) }

    /// The server's name for `/`-separated levels; nil when a level holds the server's separator (a folder
    /// `a.b` archived from a server that separates with `/`, restored to one that separates with `.`).
    func serverName(_ levels: String) -> String? {
        guard let delimiter, delimiter != UInt8(ascii: "/") else { return levels }
        let separator = Character(Unicode.Scalar(delimiter))
        if levels.contains(separator) { return nil }
        return String(levels.map { $0 == "/" ? separator : $0 })
    }
}
