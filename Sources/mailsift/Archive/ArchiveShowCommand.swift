import Archive
import ArgumentParser
import Foundation

/// `mailsift archive show --archive DIR ID`: the raw message on standard output, byte for byte.
struct ArchiveShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Print one archived message, byte for byte (fails rather than print damaged bytes).")

    @OptionGroup var location: ArchiveLocation
    @Argument(help: "The message's id, as search prints it.") var id: Int64

    func run() throws {
        let store = try location.open(.readOnly)
        let bytes = try reportingArchiveErrors { try store.message(id) }
        FileHandle.standardOutput.write(Data(bytes))
    }
}
