import Archive
import ArgumentParser
import Foundation

/// `mailsift archive settle --archive DIR [--max-seconds N]`: recompresses the blocks a fast write left at a low
/// level, so the archive takes its final, smaller size. Safe to interrupt at any point: run it again to go on.
struct ArchiveSettleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "settle",
        abstract: "Recompress blocks written at a fast level at the high one (smaller archive); safe to interrupt.")

    @OptionGroup var location: ArchiveFolderOption
    @Option(help: "Stop after about this many seconds (the block under way is finished); run again to go on.")
    var maxSeconds: Double?
    @Option(help: "Zstandard level blocks are recompressed at (1–22; default 19).")
    var level: Int32 = ArchiveOptions.default.settledLevel

    func run() throws {
        guard (1...22).contains(level) else { throw ValidationError("--level must be between 1 and 22") }
        if let maxSeconds, !(maxSeconds >= 0) { throw ValidationError("--max-seconds must be 0 or more") }
        var options = ArchiveOptions.default
        options.settledLevel = level
        // The archive keeps the modes it has: a group-readable one stays so (its catalogue says which it is).
        var info = stat()
        options.groupReadable =
            stat(location.directory + "/catalogue.sqlite", &info) == 0 && info.st_mode & S_IRGRP != 0
        let store = try location.open(.readWrite, options: options)
        var line = ProgressLine()
        let report = try reportingArchiveErrors {
            try store.settle(maxSeconds: maxSeconds) { report in
                line.show("\(report.blocksMoved) blocks settled, \(report.bytesBefore) → \(report.bytesAfter) bytes")
            }
        }
        line.finish()
        // Text an import or a run left waiting is indexed first (`ArchiveStore.indexPendingText`).
        let text = report.textIndex
        if text.indexed > 0 || text.left > 0 {
            var words = ["text of \(text.indexed) messages indexed for search"]
            if text.untriedLeft > 0 { words.append("\(text.untriedLeft) still wait: time is up, run settle again") }
            if text.left > text.untriedLeft {
                words.append("\(text.left - text.untriedLeft) unreadable (mailsift archive verify says why)")
            }
            print(words.joined(separator: "; "))
        }
        for place in report.damaged { print("left as it is (damaged): \(place)") }
        print(
            "\(report.blocksSettled) blocks recompressed, \(report.blocksCopied) moved as they were,"
                + " \(report.blocksDropped) unused dropped: \(report.bytesBefore) → \(report.bytesAfter) bytes;"
                + " \(report.segmentsRemoved) emptied segment files removed")
        if report.unsettledBlocksLeft == 0 {
            print("all blocks settled")
        } else {
            print(
                "\(report.unsettledBlocksLeft) blocks (\(report.unsettledBytesLeft) bytes) left unsettled"
                    + (report.stoppedAtLimit ? ": time is up, run settle again to go on" : ""))
        }
        if !report.damaged.isEmpty {
            print("run mailsift archive verify --archive \(location.directory) for the damaged blocks")
            throw ExitCode(1)
        }
    }
}
