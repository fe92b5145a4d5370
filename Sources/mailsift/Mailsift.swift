import ArgumentParser

@main
struct Mailsift: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mailsift",
        abstract: "Mail filtering (Sieve) and archiving daemon for IMAP mailboxes.",
        subcommands: [
            RunCommand.self, SortCommand.self, StatusCommand.self, CheckCommand.self, TestCommand.self,
            InspectCommand.self, ArchiveCommand.self, LearnCommand.self,
        ]
    )
}
