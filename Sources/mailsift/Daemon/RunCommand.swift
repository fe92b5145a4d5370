import Archiver
import ArgumentParser
import Daemon
import Foundation
import Logging

/// `mailsift run --config FILE`: the daemon, in the foreground (systemd runs it so). Files new mail of every
/// account by its rules until SIGTERM or SIGINT; SIGHUP reloads the configuration and the rules.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the daemon: watch every account's folders and file new mail by its Sieve rules.",
        discussion: """
            Logs go to standard error, one line per message filed. SIGTERM or SIGINT stops it cleanly (the batch \
            in flight is finished, IDLE ended, connections logged out); SIGHUP reloads the configuration (a bad one \
            is refused and the running one kept). Rule files are picked up as they change.
            """)

    @OptionGroup var configurationFile: ConfigurationOption
    @Option(help: "trace, debug, info, notice, warning, error or critical.") var logLevel = "info"

    func run() async throws {
        // First of all: a SIGTERM while the configuration and the rules load still stops the daemon cleanly.
        let shutdown = ShutdownLatch()
        guard let level = Logger.Level(rawValue: logLevel) else {
            throw ValidationError("--log-level \(logLevel): use trace, debug, info, notice, warning, error or critical")
        }
        let configuration = try configurationFile.load()
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "mailsift")
        let file = configurationFile.file
        for pack in configuration.spam.missingPacks {
            logger.warning(
                "rule pack \(pack) is not installed in \(configuration.spam.rulePacksDirectory): spam is scored without it"
            )
        }
        var setup = DaemonSetup(configuration)
        setup.spam = try DaemonSetup.spamPhases(configuration)
        try await MailsiftDaemon.run(
            setup: setup, stateDirectory: configuration.stateDirectory, logger: logger,
            reload: {
                let report = DaemonConfiguration.load(file: file, options: .daemon())
                for warning in report.warnings { logger.warning("\(warning)") }
                let configuration = try report.validConfiguration()
                var setup = DaemonSetup(configuration)
                setup.spam = try DaemonSetup.spamPhases(configuration)
                return setup
            },
            load: { RuleLoad.compile($0) }, shutdown: shutdown,
            companions: { store in [ArchiveScheduler(configuration: configuration, store: store, logger: logger)] })
    }
}
