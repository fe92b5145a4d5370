import Archive
import ArgumentParser
import Foundation

/// `mailsift archive stats --archive DIR [--json]`
struct ArchiveStatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats", abstract: "Messages, logical bytes, bytes on disk and compression ratio.")

    @OptionGroup var location: ArchiveLocation
    @Flag(help: "Print the figures as JSON.") var json = false

    func run() throws {
        let stats = try reportingArchiveErrors { try location.open(.readOnly).stats() }
        if json {
            let object: [String: Any] = [
                "messages": stats.messages, "distinct_messages": stats.distinctMessages,
                "logical_bytes": stats.logicalBytes,
                "segment_bytes": stats.segmentBytes, "catalogue_bytes": stats.catalogueBytes,
                "bytes_on_disk": stats.bytesOnDisk, "ratio": stats.ratio, "segment_ratio": stats.segmentRatio,
                "unsettled_bytes": stats.unsettledBytes, "unsettled_blocks": stats.unsettledBlocks,
                "text_waiting": stats.textWaiting,
            ]
            let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted])
            print(String(decoding: data, as: UTF8.self))
            return
        }
        print("messages:        \(stats.messages) (\(stats.distinctMessages) distinct contents)")
        print("logical bytes:   \(stats.logicalBytes)")
        print(
            "on disk:         \(stats.bytesOnDisk) (segments \(stats.segmentBytes), catalogue and index \(stats.catalogueBytes))"
        )
        print(
            String(
                format: "ratio:           %.3f of the logical size (segments alone %.3f)", stats.ratio,
                stats.segmentRatio))
        if stats.unsettledBlocks > 0 {
            print(
                "unsettled:       \(stats.unsettledBytes) bytes in \(stats.unsettledBlocks) blocks written at a fast level"
                    + " (mailsift archive settle --archive \((try? location.directory) ?? "DIR") shrinks them)")
        }
        if stats.textWaiting > 0 {
            print(
                "text waiting:    \(stats.textWaiting) messages not searchable by words yet"
                    + " (mailsift archive settle --archive \((try? location.directory) ?? "DIR") indexes them)")
        }
    }
}
