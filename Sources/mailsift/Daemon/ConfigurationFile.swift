import ArgumentParser
import Daemon
import Foundation

/// `--config FILE`, loaded and validated whole: every problem printed as `file:line: key: message` on standard
/// error, and the command stops (exit 1) on any error.
struct ConfigurationOption: ParsableArguments {
    @Option(name: .customLong("config"), help: ArgumentHelp("The daemon's configuration.", valueName: "file"))
    var file = "/etc/mailsift/mailsift.toml"

    func load(_ options: ConfigurationLoadOptions = .daemon()) throws -> DaemonConfiguration {
        try Self.load(file, options)
    }

    /// The same for a file named another way (`mailsift learn`'s optional `--config`).
    static func load(_ file: String, _ options: ConfigurationLoadOptions = .daemon()) throws -> DaemonConfiguration {
        let report = DaemonConfiguration.load(file: file, options: options)
        for problem in report.errors { printError("\(problem)") }
        if report.omittedErrors > 0 { printError("… and \(report.omittedErrors) more errors") }
        for warning in report.warnings { printError("\(warning)") }
        guard let configuration = report.configuration else { throw ExitCode(1) }
        return configuration
    }
}

func printError(_ line: String) {
    var standardError = StandardError()
    print(line, to: &standardError)
}

struct StandardError: TextOutputStream {
    mutating func write(_ string: String) {
        FileHandle.standardError.write(Data(string.utf8))
    }
}
