import ArgumentParser

/// `mailsift-bench …`: the project's speed measurements, kept out of the installed `mailsift` (they need the
/// repository: its corpus paths, Tests/bench scripts, scripts/imaplib-bench.py, a test server). Run them from a
/// release build, from the repository's top folder (`scripts/bench.sh`); debug figures mean nothing.
@main
struct MailsiftBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mailsift-bench",
        abstract: "Measure mailsift's speed on real mail (use a release build).",
        subcommands: [
            ParseBenchCommand.self, HeadersBenchCommand.self, SieveBenchCommand.self, ArchiveBenchCommand.self,
            ArchiveSearchBenchCommand.self, IMAPBenchCommand.self, SpamBenchCommand.self,
        ]
    )
}
