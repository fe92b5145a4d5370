import Archive
import ArgumentParser
import Foundation

/// `mailsift archive verify --archive DIR`: every checksum recomputed; exit status 1 when anything is damaged.
struct ArchiveVerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify", abstract: "Recompute every block's and message's checksum and name whatever is damaged.")

    @OptionGroup var location: ArchiveLocation

    func run() throws {
        let store = try location.open(.readOnly)
        var line = ProgressLine()
        let report = try reportingArchiveErrors {
            try store.verify { done, total in
                line.show(ProgressLine.bar(done, of: total) + "  \(done) of \(total) blocks")
            }
        }
        line.finish()
        for problem in report.problems {
            let ids = problem.messageIDs.map(String.init).joined(separator: ", ")
            print("damaged: \(problem.place): \(problem.reason); messages \(ids.isEmpty ? "(none catalogued)" : ids)")
        }
        for block in report.uncatalogued { print("not catalogued: \(block.place): \(block.reason)") }
        var outcome = report.problems.isEmpty ? "all intact" : "\(report.damagedMessageIDs.count) messages damaged"
        if !report.uncatalogued.isEmpty {
            // Never "all intact" while the catalogue misses mail the segments hold.
            if report.problems.isEmpty { outcome = "those intact" }
            outcome +=
                "; \(report.uncatalogued.count) more blocks (\(report.uncataloguedMessages) messages) are not in the"
                + " catalogue: run mailsift archive rebuild-catalogue --archive \((try? location.directory) ?? "DIR")"
        }
        print("\(report.blocksChecked) blocks, \(report.messagesChecked) messages checked: " + outcome)
        if !report.isClean { throw ExitCode(1) }
    }
}
