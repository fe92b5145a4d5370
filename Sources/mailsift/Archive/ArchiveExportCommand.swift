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
    @Flag(help: "Files 0640 and folders 0750 (for a group) rather than 0600 and 0700.") var groupReadable = false
    @Argument(help: "Where to write: a new file (mbox) or a new or empty folder (maildir, eml).") var destination:
        String

    func run() throws {
        guard let exportFormat = ArchiveExporter.Format(rawValue: format) else {
            throw ValidationError("--format must be mbox, maildir or eml")
        }
        let store = try location.open(.readOnly)
        let selection = (query == nil && filters.isEmpty) ? nil : try filters.query(words: query ?? "", limit: Int.max)
        var line = ProgressLine()
        let ids = try reportingArchiveErrors { try store.messageIDsInStorageOrder(matching: selection) }
        var exporter = ArchiveExporter(store: store, format: exportFormat)
        exporter.groupReadable = groupReadable
        let summary = try reportingArchiveErrors {
            try exporter.run(ids, to: destination) { done in
                line.show(ProgressLine.bar(done, of: ids.count) + "  \(done) of \(ids.count) messages")
            }
        }
        line.finish()
        print("\(summary.written) messages exported to \(destination)")
        // Every intact message is written; those that could not be are named, and the exit status says so.
        for failure in summary.failures {
            FileHandle.standardError.write(Data("error: message \(failure.id) not exported: \(failure.reason)\n".utf8))
        }
        if !summary.failures.isEmpty {
            FileHandle.standardError.write(
                Data("\(summary.failures.count) of \(ids.count) messages could not be exported (see above)\n".utf8))
            throw ExitCode(1)
        }
    }
}
