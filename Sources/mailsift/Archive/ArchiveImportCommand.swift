import Archive
import ArgumentParser
import Foundation
import MailMessage

/// `mailsift archive import --archive DIR [--account A] PATH…`
struct ArchiveImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import mbox, mbox.gz, Maildir folders or message files; importing the same mail again adds nothing."
    )

    @OptionGroup var location: ArchiveFolderOption
    @Option(help: "Account the messages belong to.") var account = "local"
    @Option(help: "Archive folder for every imported message (default: from each file or Maildir folder name).")
    var folder: String?
    @Option(
        help: "Zstandard level of new blocks (1–22; default 3, fast: `archive settle` recompresses them at 19 later).")
    var level: Int32 = ArchiveOptions.default.compressionLevel
    @Option(help: "Raw bytes gathered into one compressed block (default 4 MiB; smaller blocks compress worse).")
    var blockSize = ArchiveOptions.default.blockSize
    @Flag(help: "The archive's files 0640 and new folders 0750 (for a group) rather than 0600 and 0700.")
    var groupReadable = false
    @Argument(help: "mbox files (plain or gzip), Maildir folders, message files, or folders holding them.")
    var paths: [String]

    func run() throws {
        var options = ArchiveOptions.default
        guard (1...22).contains(level) else { throw ValidationError("--level must be between 1 and 22") }
        options.compressionLevel = level
        guard (1024...(64 << 20)).contains(blockSize) else {
            throw ValidationError("--block-size must be between 1024 and 67108864")
        }
        options.blockSize = blockSize
        options.groupReadable = groupReadable
        let store = try location.open(.readWrite, options: options)
        var line = ProgressLine()
        let started = Date()
        let summary = try reportingArchiveErrors {
            try ArchiveImporter(store: store, account: account, folder: folder).run(paths) { progress in
                line.show(
                    ProgressLine.bar(progress.sourcesDone, of: progress.sourcesTotal)
                        + "  \(progress.messagesAdded) added, \(progress.messagesAlreadyPresent) already archived,"
                        + " \(progress.bytesRead / 1_000_000) MB read")
            }
        }
        line.finish()
        let progress = summary.progress
        let seconds = Date().timeIntervalSince(started)
        print(
            "\(progress.messagesAdded) messages added, \(progress.messagesAlreadyPresent) already archived"
                + (progress.messagesRepaired > 0 ? " (\(progress.messagesRepaired) damaged copies stored again)" : "")
                + ", from \(progress.sourcesTotal) sources (\(progress.bytesRead) bytes) in \(String(format: "%.1f", seconds)) s"
        )
        if let problem = summary.textIndexProblem {
            let line = TerminalText.escaped(problem)
            FileHandle.standardError.write(
                Data(
                    ("warning: the imported mail is not searchable by words yet: \(line);"
                        + " `mailsift archive settle` indexes it\n").utf8))
        }
        for skipped in summary.skipped {
            let line = TerminalText.escaped("\(skipped.source): \(skipped.reason)")
            FileHandle.standardError.write(Data("skipped: \(line)\n".utf8))
        }
        if !summary.skipped.isEmpty {
            FileHandle.standardError.write(Data("\(summary.skipped.count) entries skipped: not regular files\n".utf8))
        }
        for failure in summary.failures {
            let line = TerminalText.escaped("\(failure.source): \(failure.reason)")
            FileHandle.standardError.write(Data("error: \(line)\n".utf8))
        }
        if !summary.failures.isEmpty {
            FileHandle.standardError.write(Data("\(summary.failures.count) could not be imported\n".utf8))
            throw ExitCode(1)
        }
    }
}
