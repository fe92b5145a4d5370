import Archive
import ArgumentParser
import Foundation

/// `mailsift archive export --archive DIR --format mbox|maildir|eml [--query WORDS] [filters] DEST`
struct ArchiveExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Write archived messages out, byte for byte, as mbox, Maildir or .eml files.")

    @OptionGroup var location: ArchiveLocation
    @Option(help: "mbox (one file), maildir or eml (folders).") var format: String
    @Option(help: "Only messages matching these words (as for search).") var query: String?
    @OptionGroup var filters: ArchiveQueryOptions
    @Argument(help: "Where to write: a new file (mbox) or a new or empty folder (maildir, eml).") var destination: String

    func run() throws {
        guard let exportFormat = ArchiveExporter.Format(rawValue: format) else {
            throw ValidationError("--format must be mbox, maildir or eml")
        }
        let store = try location.open(.readOnly)
        let selection = (query == nil && filters.isEmpty) ? nil : try filters.query(words: query ?? "", limit: Int.max)
        var line = ProgressLine()
        let ids = try reportingArchiveErrors { try store.messageIDsInStorageOrder(matching: selection) }
        let written = try reportingArchiveErrors {
            try ArchiveExporter(store: store, format: exportFormat).run(ids, to: destination) { done in
                line.show(ProgressLine.bar(done, of: ids.count) + "  \(done) of \(ids.count) messages")
            }
        }
        line.finish()
        print("\(written) messages exported to \(destination)")
    }
}
