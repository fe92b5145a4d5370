import ArgumentParser

@main
struct Mailsift: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mailsift",
        abstract: "Mail filtering (Sieve) and archiving daemon for IMAP mailboxes.",
        subcommands: [
            InspectCommand.self, CheckCommand.self, TestCommand.self, ArchiveCommand.self,
        ]
    )
}
