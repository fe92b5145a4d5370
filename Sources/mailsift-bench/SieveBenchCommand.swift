import ArgumentParser
import Foundation
import MailMessage
import Sieve

/// `mailsift-bench sieve`: messages per second for a sorting script over a folder of real mail, on one core.
/// Messages are read and parsed once, before the clock starts; each round runs the script on every message.
struct SieveBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sieve",
        abstract: "Run Sieve scripts over every message of a folder and report messages/s (one core)."
    )

    @Option(help: "Folder of messages (default: the shared SpamAssassin corpus).")
    var folder: String?

    @Option(help: "Scripts to run, each measured on its own.")
    var script: [String] = ["Tests/bench/sorting-50.sieve", "Tests/bench/sorting-50-body.sieve"]

    @Option(help: "Rounds over the folder; best and median are reported.")
    var rounds = 5

    func run() throws {
        let path = folder ?? ParseBenchCommand.defaultCorpus()
        let messages = try MessageFolder.load(path).map { Message($0) }
        guard !messages.isEmpty else { throw ValidationError("\(path): no messages found") }
        print("\(path): \(messages.count) messages, parsed once; \(rounds) rounds, one core")
        for file in script {
            let rules = RuleSet.load(files: [file])
            guard rules.isComplete, let program = rules.scripts.first?.compiled else {
                throw ValidationError(rules.errorLines.joined(separator: "\n"))
            }
            var seconds: [Double] = []
            var cpuSeconds: [Double] = []
            var filed = 0
            let clock = ContinuousClock()
            for _ in 0..<max(1, rounds) {
                filed = 0
                let cpuStart = CPUTime.thread()
                let elapsed = clock.measure {
                    for message in messages {
                        let outcome = Interpreter.run(program, input: SieveInput(message: message))
                        if outcome.implicitKeep == nil { filed += 1 }
                    }
                }
                cpuSeconds.append(CPUTime.thread() - cpuStart)
                seconds.append(elapsed.seconds)
            }
            seconds.sort()
            cpuSeconds.sort()
            let best = seconds[0]
            let median = seconds[seconds.count / 2]
            print(
                String(
                    format:
                        "%@: %9.0f messages/s (best %.3f s, median %.3f s, %.0f messages/s; CPU best %.3f s = %.0f messages/s), %d of %d filed away from INBOX",
                    file, Double(messages.count) / best, best, median, Double(messages.count) / median, cpuSeconds[0],
                    Double(messages.count) / cpuSeconds[0], filed, messages.count))
        }
    }
}
