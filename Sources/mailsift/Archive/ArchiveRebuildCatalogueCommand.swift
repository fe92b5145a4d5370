import Archive
import ArgumentParser
import Foundation

/// `mailsift archive rebuild-catalogue --archive DIR`: the catalogue and search index rebuilt from the segments,
/// after the catalogue was lost, emptied or restored from an older copy. Exit status 1 when damaged places
/// were skipped (the rebuilt catalogue is in place all the same).
struct ArchiveRebuildCatalogueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rebuild-catalogue",
        abstract:
            "Rebuild the catalogue and search index from the segments alone, keeping the old catalogue as a backup.",
        discussion: """
            Blocks hold message bytes only: subjects, addresses, dates and search text are read again from the \
            messages; folders, flags, UIDs and sources come from the old catalogue where it still has them, and \
            messages it does not know go to the recovery folder. Message ids are renumbered.
            """)

    @OptionGroup var location: ArchiveFolderOption
    @Option(help: "Account of messages the old catalogue does not know (default: the old catalogue's, else \"local\").")
    var account: String?
    @Option(help: "Folder of messages the old catalogue does not know.") var folder = "Recovered"

    func run() throws {
        var line = ProgressLine()
        let summary = try reportingArchiveErrors {
            try ArchiveStore.rebuildCatalogue(directory: location.directory, account: account, recoveredFolder: folder)
            {
                done, total in line.show(ProgressLine.bar(done, of: total) + "  \(done) of \(total) segments")
            }
        }
        line.finish()
        for damage in summary.damaged { print("damaged: \(damage.place): \(damage.reason); skipped") }
        print(
            "\(summary.messages) messages (\(summary.distinctContents) distinct contents) recorded from"
                + " \(summary.blocks) blocks in \(summary.segments) segments")
        print(
            "\(summary.messagesWithDetails) with their folder, flags and dates from the old catalogue,"
                + " \(summary.messagesRecovered) without (in folder \(folder))")
        if summary.oldMessagesNotFound > 0 {
            print("\(summary.oldMessagesNotFound) messages of the old catalogue are in no segment and are gone")
        }
        if summary.tornTailBytes > 0 {
            print("\(summary.tornTailBytes) bytes of an interrupted write at the end of the last segment ignored")
        }
        print(summary.backupPath.map { "old catalogue kept as \($0)" } ?? "there was no old catalogue")
        if !summary.damaged.isEmpty { throw ExitCode(1) }
    }
}
