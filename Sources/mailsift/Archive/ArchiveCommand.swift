import Archive
import Archiver
import ArgumentParser
import Daemon
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
            ArchiveRestoreCommand.self,
        ]
    )
}

/// Which archive a command reads or writes: `--archive DIR`, or (for the commands that only read it) `--config
/// FILE --account A`, the account's archive under the daemon's state folder, so that an administrator answers
/// "find the mail from the rectorat about X in Jeanne's archive" with one command.
struct ArchiveLocation: ParsableArguments {
    @Option(name: .customLong("archive"), help: "The archive folder (one per account).")
    var archive: String?

    @Option(
        name: .customLong("config"),
        help: ArgumentHelp(
            "With --account: the daemon's configuration, whose account's archive is read.", valueName: "file"))
    var configurationFile: String?

    @Option(
        name: .customLong("account"), help: "With --config: whose archive (the account's name in the configuration).")
    var accountName: String?

    func validate() throws {
        switch (archive, configurationFile, accountName) {
        case (.some, nil, nil), (nil, .some, .some): return
        case (.some, _, _):
            throw ValidationError("name the archive once: --archive DIR, or --config FILE --account NAME")
        case (nil, .some, nil): throw ValidationError("--config needs --account NAME: whose archive?")
        case (nil, nil, .some):
            throw ValidationError("--account needs --config FILE: where is the daemon's state folder?")
        case (nil, nil, nil): throw ValidationError("name the archive: --archive DIR, or --config FILE --account NAME")
        }
    }

    /// The archive folder: as given, or `<state_dir>/archive/<account>` for an account of the configuration.
    var directory: String {
        get throws {
            if let archive { return archive }
            let configuration = try ConfigurationOption.load(
                configurationFile!,
                // Reading an archive needs only state_dir and the account's name: no password or rule is read.
                ConfigurationLoadOptions(checkFiles: false, credentialsDirectoryRequired: false))
            guard let account = configuration.account(named: accountName!) else {
                throw ValidationError("\(configurationFile!): no account named \(accountName!)")
            }
            return AccountArchiver.storeDirectory(stateDirectory: configuration.stateDirectory, account: account.name)
        }
    }

    func open(_ mode: ArchiveStore.Mode, options: ArchiveOptions = .default) throws -> ArchiveStore {
        let directory = try self.directory
        do {
            return try ArchiveStore(directory: directory, mode: mode, options: options)
        } catch {
            throw ArchiveFailure(error)
        }
    }
}

/// `--archive DIR` alone, for the commands that write an archive or have an `--account` of their own (import,
/// settle, rebuild-catalogue).
struct ArchiveFolderOption: ParsableArguments {
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
