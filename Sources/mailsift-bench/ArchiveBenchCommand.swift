@_spi(Benchmark) import Archive
import ArgumentParser
import Foundation
import MailboxFormats

/// `mailsift-bench archive [FOLDER]`: imports a folder of mail into a new archive and reports import speed,
/// size on disk next to gzip -9 and xz -9 of the same messages as one mbox (measured in the same run), and the
/// time to read one message back. Then settles the archive (blocks recompressed at the settled level) and
/// reports settle speed and the settled size, next to gzip -9's time and size on the same mbox.
struct ArchiveBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "archive", abstract: "Archive size against gzip -9 and xz -9, import speed, and read latency.")

    @Argument(help: "Folder of mail; its sub-folders are imported (default: the shared SpamAssassin corpus).")
    var folder: String?
    @Option(help: "Zstandard level of writes.") var level = ArchiveOptions.default.compressionLevel
    @Option(help: "Zstandard level blocks are settled at.") var settledLevel = ArchiveOptions.default.settledLevel
    @Flag(help: "Do not settle after the import.") var noSettle = false
    @Option(help: "Block size in bytes.") var blockSize = ArchiveOptions.default.blockSize
    @Option(help: "Random single-message reads to time.") var reads = 1000
    @Option(
        help:
            "Work folder, kept (default: a new temporary folder, removed afterwards). An archive already in it is reused: only the reads are measured again."
    )
    var work: String?

    func run() throws {
        let source = folder ?? ParseBenchCommand.defaultCorpus()
        let subfolders = ((try? FileManager.default.contentsOfDirectory(atPath: source)) ?? []).sorted()
            .map { source + "/" + $0 }.filter {
                var isFolder: ObjCBool = false
                return FileManager.default.fileExists(atPath: $0, isDirectory: &isFolder) && isFolder.boolValue
            }
        let paths = subfolders.isEmpty ? [source] : subfolders
        let workFolder = work ?? NSTemporaryDirectory() + "mailsift-bench-archive-" + UUID().uuidString
        defer { if work == nil { try? FileManager.default.removeItem(atPath: workFolder) } }
        let archive = workFolder + "/archive"

        var options = ArchiveOptions.default
        options.compressionLevel = level
        options.blockSize = blockSize
        options.settledLevel = settledLevel
        let clock = ContinuousClock()
        let cpuStart = CPUTime.process()
        var summary: ArchiveImporter.Summary?
        let importTime = try clock.measure {
            // The writer is closed at the end of this scope, folding its write-ahead log into the catalogue.
            let store = try ArchiveStore(directory: archive, options: options)
            if try store.stats().messages == 0 {
                var importer = ArchiveImporter(store: store, account: "bench")
                importer.indexesText = false
                summary = try importer.run(paths)
            }
        }.seconds
        let importCPU = CPUTime.process() - cpuStart
        // The text index, built after the mail is in (as `archive import` and `archive run` do at their end):
        // timed on its own, and with the ingest.
        let indexCPUStart = CPUTime.process()
        var indexed = TextIndexReport()
        let indexTime = try clock.measure {
            indexed = try ArchiveStore(directory: archive, options: options).indexPendingText()
        }.seconds
        let indexCPU = CPUTime.process() - indexCPUStart
        let store = try ArchiveStore(directory: archive, mode: .readOnly)
        let stats = try store.stats()
        let ids = try store.messageIDsInStorageOrder()

        // The same messages as one mbox, compressed by gzip -9 and xz -9 (the archivemail and best-effort anchors).
        let mboxPath = workFolder + "/all.mbox"
        _ = FileManager.default.createFile(atPath: mboxPath, contents: nil)
        let mbox = FileHandle(forWritingAtPath: mboxPath)!
        for id in ids {
            mbox.write(
                Data(
                    MboxFormat.entry(
                        try store.message(id), sender: "bench@example.org", date: "Thu Nov 26 18:15:28 2026")))
        }
        try mbox.close()
        let mboxBytes = ArchiveStore.fileSize(mboxPath)
        let gzipStart = (clock.now, CPUTime.children())
        let gzip = try Self.compressedSize("/bin/gzip", ["-9", "-c", mboxPath])
        let gzipTime = ((clock.now - gzipStart.0).seconds, CPUTime.children() - gzipStart.1)
        let xz = try Self.compressedSize("/usr/bin/xz", ["-9", "-T1", "-c", mboxPath])

        let reader = try ArchiveStore(directory: archive, mode: .readOnly)
        var generator = SystemRandomNumberGenerator()
        var warm: [Double] = []
        var cold: [Double] = []
        for _ in 0..<reads {
            let id = ids[Int(generator.next() % UInt64(ids.count))]
            reader.forgetDecodedBlock()
            warm.append(try clock.measure { _ = try reader.message(id) }.seconds)
            reader.forgetDecodedBlock()
            try reader.dropSegmentPageCache()
            cold.append(try clock.measure { _ = try reader.message(id) }.seconds)
        }
        warm.sort()
        cold.sort()

        // Settling: every block recompressed at the settled level, by a writer as `mailsift archive settle` runs it.
        var settled: (stats: ArchiveStats, wall: Double, cpu: Double, report: SettleReport)?
        if !noSettle {
            let settleCPU = CPUTime.process()
            var report: SettleReport?
            let wall = try clock.measure {
                report = try ArchiveStore(directory: archive, options: options).settle()
            }.seconds
            let cpu = CPUTime.process() - settleCPU
            settled = (try ArchiveStore(directory: archive, mode: .readOnly).stats(), wall, cpu, report!)
        }

        let logical = Double(stats.logicalBytes)
        func share(_ bytes: Int64) -> String { String(format: "%.1f %%", Double(bytes) / logical * 100) }
        func ms(_ values: [Double], _ quantile: Double) -> String {
            String(format: "%.2f ms", values[min(values.count - 1, Int(Double(values.count) * quantile))] * 1000)
        }
        func mbs(_ seconds: Double) -> String { String(format: "%.2f MB/s", logical / 1e6 / seconds) }
        func gz(_ bytes: Int64) -> String { String(format: "%.3f × gzip -9", Double(bytes) / Double(gzip)) }
        func ratio(_ value: Double) -> String { String(format: "%.3f", value) }
        var settleLines = "settle: not run"
        if let settled {
            let time = String(format: "%.1f s wall, %.1f s CPU", settled.wall, settled.cpu)
            let after = settled.stats
            settleLines = [
                "settle (level \(settledLevel)): \(settled.report.blocksSettled) blocks in \(time): \(mbs(settled.wall)) wall,"
                    + " \(mbs(settled.cpu)) per CPU second (raw mail)",
                "after settle:     segments \(after.segmentBytes) bytes \(gz(after.segmentBytes)), whole archive"
                    + " \(after.bytesOnDisk) bytes \(gz(after.bytesOnDisk)), unsettled \(after.unsettledBytes) bytes",
                "stats after settle: ratio \(ratio(after.ratio)) (segments \(ratio(after.segmentRatio)))",
            ].joined(separator: "\n")
        }
        print(
            """
            \(source): \(stats.messages) messages, \(stats.logicalBytes) bytes (\(summary.map { "\($0.failures.count) failures" } ?? "archive reused, import not measured")); zstd level \(level), blocks of \(blockSize) bytes
            import:           \(String(format: "%.1f s wall, %.1f s CPU, %.2f MB/s", importTime, importCPU, logical / 1e6 / importTime))
            segments:         \(stats.segmentBytes) bytes  \(share(stats.segmentBytes)) of raw  = \(String(format: "%.3f", Double(stats.segmentBytes) / Double(gzip))) × gzip -9
            catalogue+index:  \(stats.catalogueBytes) bytes  \(share(stats.catalogueBytes)) of raw
            whole archive:    \(stats.bytesOnDisk) bytes  \(share(stats.bytesOnDisk)) of raw  = \(String(format: "%.3f", Double(stats.bytesOnDisk) / Double(gzip))) × gzip -9
            one mbox:         \(mboxBytes) bytes;  gzip -9 \(gzip) (\(share(gzip)));  xz -9 \(xz) (\(share(xz)))
            gzip -9 of mbox:  \(String(format: "%.1f s wall, %.1f s CPU", gzipTime.0, gzipTime.1)): \(mbs(gzipTime.0)) wall, \(mbs(gzipTime.1)) per CPU second; \(gzip) bytes
            text index after: \(indexed.indexed) messages in \(String(format: "%.1f s wall, %.1f s CPU", indexTime, indexCPU)); ingest and index together \(mbs(importCPU + indexCPU)) per CPU second = \(String(format: "%.2f", gzipTime.1 / (importCPU + indexCPU))) × gzip -9's speed (CPU)
            ingest (level \(level)): \(mbs(importTime)) wall, \(mbs(importCPU)) per CPU second = \(String(format: "%.2f", gzipTime.1 / importCPU)) × gzip -9's speed (CPU); segments \(gz(stats.segmentBytes)), whole archive \(gz(stats.bytesOnDisk)), unsettled \(stats.unsettledBytes) bytes in \(stats.unsettledBlocks) blocks
            stats before settle: ratio \(String(format: "%.3f", stats.ratio)) (segments \(String(format: "%.3f", stats.segmentRatio)))
            \(settleLines)
            read one message: warm page cache p50 \(ms(warm, 0.5)) p99 \(ms(warm, 0.99)); cold (pages dropped) p50 \(ms(cold, 0.5)) p99 \(ms(cold, 0.99))  (\(reads) random reads)
            """)
    }

    /// Bytes a compressor writes to its standard output.
    static func compressedSize(_ tool: String, _ arguments: [String]) throws -> Int64 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        var total: Int64 = 0
        while true {
            let chunk = pipe.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            total += Int64(chunk.count)
        }
        process.waitUntilExit()
        return total
    }
}
