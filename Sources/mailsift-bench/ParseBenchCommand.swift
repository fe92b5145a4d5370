import ArgumentParser
import Foundation
import MailMessage

/// `mailsift-bench parse [FOLDER]`: message parsing speed on one core, headers only and in full.
struct ParseBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Parse every message of a folder, headers only and in full, and report MB/s and messages/s."
    )

    @Argument(help: "Folder of messages, read recursively (default: the shared SpamAssassin corpus).")
    var folder: String?

    @Option(help: "Rounds over the whole folder; the best and the median are reported.")
    var rounds = 5

    @Flag(help: "Print the figures as JSON.")
    var json = false

    func run() throws {
        let path = folder ?? Self.defaultCorpus()
        let messages = try MessageFolder.load(path)
        guard !messages.isEmpty else { throw ValidationError("\(path): no messages found") }
        let totalBytes = messages.reduce(0) { $0 + $1.count }

        let headers = measure(rounds: rounds) {
            var fields = 0
            for bytes in messages {
                let message = Message(bytes, scope: .headers)
                fields &+= message.header.fields.count
                fields &+= message.subject?.utf8.count ?? 0
            }
            return fields
        }
        let full = measure(rounds: rounds) {
            var work = 0
            for bytes in messages {
                let message = Message(bytes)
                work &+= message.subject?.utf8.count ?? 0
                work &+= message.from.count + message.to.count
                work &+= Int(message.date?.secondsSince1970 ?? 0) & 1
                for part in message.allParts where part.children.isEmpty {
                    work &+= part.decodedBody.count
                }
                work &+= message.plainText().text.utf8.count
            }
            return work
        }

        let report = ParseBenchReport(
            folder: path, messages: messages.count, bytes: totalBytes, rounds: rounds,
            headersOnly: .init(seconds: headers, messages: messages.count, bytes: totalBytes),
            full: .init(seconds: full, messages: messages.count, bytes: totalBytes))
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
        } else {
            print(report.text)
        }
    }

    /// Seconds per round, sorted; the work result is kept so the optimizer cannot drop the loop.
    private func measure(rounds: Int, _ body: () -> Int) -> [Double] {
        var seconds: [Double] = []
        var sink = 0
        let clock = ContinuousClock()
        for _ in 0..<max(1, rounds) {
            let elapsed = clock.measure { sink &+= body() }
            seconds.append(elapsed.seconds)
        }
        if sink == 42 { print("") }
        return seconds.sorted()
    }

    static func defaultCorpus() -> String {
        if let corpus = ProcessInfo.processInfo.environment["MAILSIFT_CORPUS"] { return corpus + "/spamassassin" }
        return "../shared/corpus/spamassassin"
    }
}

struct ParseBenchReport: Codable {
    struct Figures: Codable {
        var bestSeconds: Double
        var medianSeconds: Double
        var megabytesPerSecond: Double
        var messagesPerSecond: Double

        init(seconds: [Double], messages: Int, bytes: Int) {
            bestSeconds = seconds.first ?? 0
            medianSeconds = seconds[seconds.count / 2]
            megabytesPerSecond = Double(bytes) / 1e6 / bestSeconds
            messagesPerSecond = Double(messages) / bestSeconds
        }
    }

    var folder: String
    var messages: Int
    var bytes: Int
    var rounds: Int
    var headersOnly: Figures
    var full: Figures

    var text: String {
        func line(_ name: String, _ f: Figures) -> String {
            String(
                format: "%@  %8.1f MB/s  %9.0f messages/s  (best %.3f s, median %.3f s)", name,
                f.megabytesPerSecond, f.messagesPerSecond, f.bestSeconds, f.medianSeconds)
        }
        return """
            \(folder): \(messages) messages, \(String(format: "%.1f", Double(bytes) / 1e6)) MB, \(rounds) rounds, one core
            \(line("headers only", headersOnly))
            \(line("full parse  ", full))
            """
    }
}
