import Archive
import ArgumentParser
import Foundation

/// `mailsift archive …`: the local archive of old mail (one folder per account).
struct ArchiveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "archive",
        abstract: "Archive old mail from the server; import, search, show, export and check a local mail archive.",
        subcommands: [
            ArchiveImportCommand.self, ArchiveSearchCommand.self, ArchiveShowCommand.self, ArchiveExportCommand.self,
            ArchiveVerifyCommand.self, ArchiveStatsCommand.self, ArchiveSettleCommand.self,
            ArchiveRebuildCatalogueCommand.self, ArchivePlanCommand.self, ArchiveRunCommand.self,
        ]
    )
}

/// The `--archive DIR` option every archive command takes.
struct ArchiveLocation: ParsableArguments {
    @Option(name: .customLong("archive"), help: "The archive folder (one per account).")
    var directory: String

    func open(_ mode: ArchiveStore.Mode, options: ArchiveOptions = .default) throws -> ArchiveStore {
        do {
            return try ArchiveStore(directory: directory, mode: mode, options: options)
        } catch {
            throw ArchiveFailure(error)
        }
    }
}

/// An archive error as the command line shows it: one line on standard error, exit status 1.
struct ArchiveFailure: Error, CustomStringConvertible {
    let error: ArchiveError
    init(_ error: ArchiveError) { self.error = error }
    var description: String { "error: \(error.message)" }
}

/// Runs `body`, turning an archive error into the command line's one-line form.
func reportingArchiveErrors<T>(_ body: () throws -> T) throws -> T {
    do { return try body() } catch let error as ArchiveError { throw ArchiveFailure(error) }
}
