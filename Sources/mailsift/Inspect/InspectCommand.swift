import ArgumentParser
import Foundation
import MailMessage

/// `mailsift inspect MESSAGE [--json]`: prints what the parser understood of one message.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Show how mailsift reads a message: decoded headers, addresses, date, MIME tree and text."
    )

    @Argument(help: "The message file (RFC 5322, CRLF or LF line ends); - reads standard input.")
    var message: String

    @Flag(help: "Print the report as JSON.")
    var json = false

    func run() throws {
        let bytes = try MessageFile.read(message)
        let report = InspectReport(message: Message(bytes), file: message)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
        } else {
            print(InspectTextRenderer(report: report).render())
        }
    }
}
