import ArgumentParser

/// `mailsift bench …`: the project's speed measurements. Run them from a release build
/// (`scripts/bench.sh`); debug figures mean nothing.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure mailsift's speed on real mail (use a release build).",
        subcommands: [
            ParseBenchCommand.self, HeadersBenchCommand.self, SieveBenchCommand.self, ArchiveBenchCommand.self,
            ArchiveSearchBenchCommand.self, IMAPBenchCommand.self,
        ]
    )
}
