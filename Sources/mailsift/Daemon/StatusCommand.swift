import ArgumentParser
import Daemon
import Foundation

/// `mailsift status --config FILE [--json]`: the running daemon as its state store shows it.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the daemon: up since, each account's state and last error, broken rules, mail filed, quota.")

    @OptionGroup var configurationFile: ConfigurationOption
    @Flag(help: "Print the report as JSON.") var json = false

    func run() throws {
        let configuration = try configurationFile.load(.check())
        let path = (configuration.stateDirectory as NSString).appendingPathComponent("state.sqlite")
        guard FileManager.default.fileExists(atPath: path) else {
            print("mailsift has never run with this configuration (no \(path))")
            throw ExitCode(3)
        }
        let store = try StateStore(path: path)
        let report = try StatusReport.read(from: store, accounts: configuration.enabledAccounts.map(\.name))
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
        } else {
            print(report.text(), terminator: "")
        }
        if !report.running { throw ExitCode(3) }
    }
}
