import ArgumentParser
import Foundation
import MailMessage
import Sieve

/// `mailsift test SCRIPT MESSAGE`: runs one script on one message and prints the actions.
struct TestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run a Sieve script on a message and print the resulting actions.",
        discussion: """
            Every setting of the Pigeonhole oracle's environment (shared/tools/sieve-oracle) is an option, and the \
            defaults are the oracle's: only INBOX \
            exists unless --mailbox names others, the envelope is sender@example.com → recipient@example.com, \
            the local time zone is the one TZ names (date, currentdate), include :personal NAME reads \
            NAME.sieve beside the script and include :global NAME reads global/NAME.sieve there, and the limits \
            are Pigeonhole's (4 redirects, 32 actions).
            """
    )

    @Argument(help: "The Sieve script, or a folder whose .sieve files run in name order as one sequence.")
    var script: String
    @Argument(help: "The message (RFC 5322 file).") var message: String
    @Option(help: "Envelope sender (MAIL FROM).") var envelopeFrom = "sender@example.com"
    @Option(help: "Envelope recipient (RCPT TO).") var envelopeTo = "recipient@example.com"
    @Option(name: .customLong("mailbox"), help: "A mailbox that exists (repeat it); INBOX always exists.")
    var mailboxes: [String] = []
    @Option(help: "Folder of include :personal scripts (default: the script's folder).") var personalDir: String?
    @Option(help: "Folder of include :global scripts (default: global/ in the script's folder).") var globalDir: String?
    @Option(help: "Header an upstream scanner writes its spam score in (spamtest).") var spamHeader = "X-Spam-Score"
    @Option(help: "The header score that means certainly spam.") var spamMax: Double = 10
    @Option(help: "The addscore total from which a message counts as spam.") var requiredScore: Double = 5
    @Option(help: "Header an upstream virus scanner writes (virustest).") var virusHeader = "X-Virus-Scan"
    @Option(help: "Text before the scanner's verdict in that header.") var virusPrefix = "Found to be "
    @Option(help: "Text after the verdict.") var virusSuffix = "."
    @Option(help: "A verdict and its virustest status, as WORD=1…5 (repeat it; default clean=1 and infected=5).")
    var virusStatus: [String] = []
    @Option(help: "Shortest vacation period in seconds; shorter :days/:seconds are raised to it.")
    var vacationMinSeconds: UInt64 = SieveLimits.default.vacationMinimumSeconds
    @Option(help: "Separator of subaddresses (user+detail).") var subaddressSeparator = "+"
    @Option(help: "Most redirects one message may cause.") var maxRedirects = SieveLimits.default.maxRedirects
    @Option(help: "Most actions one message may cause.") var maxActions = SieveLimits.default.maxActions
    @Flag(help: "Print the normalized result document (the oracle's JSON).") var json = false
    @Flag(help: "Show each test evaluated, the values it compared, and whether it matched.") var explain = false

    func run() throws {
        var limits = SieveLimits()
        limits.maxRedirects = maxRedirects
        limits.maxActions = maxActions
        limits.vacationMinimumSeconds = vacationMinSeconds
        var spam = SpamSettings()
        spam.scoreHeader = spamHeader
        spam.scoreHeaderMaximum = spamMax
        spam.requiredScore = requiredScore
        spam.virusHeader = virusHeader
        spam.virusPrefix = virusPrefix
        spam.virusSuffix = virusSuffix
        if !virusStatus.isEmpty {
            spam.virusStatuses = [:]
            for pair in virusStatus {
                let parts = pair.split(separator: "=", maxSplits: 1)
                guard parts.count == 2, let status = Int(parts[1]), (1...5).contains(status) else {
                    throw ValidationError("--virus-status \(pair): write WORD=STATUS with a status from 1 to 5")
                }
                spam.virusStatuses[String(parts[0])] = status
            }
        }
        guard subaddressSeparator.count == 1, let separator = subaddressSeparator.first else {
            throw ValidationError("--subaddress-separator must be one character")
        }
        var isFolder: ObjCBool = false
        _ = FileManager.default.fileExists(atPath: script, isDirectory: &isFolder)
        let files = try SieveFiles.expand([script])
        guard !files.isEmpty else { throw ValidationError("\(script): no .sieve file in it") }
        var programs: [CompiledScript] = []
        var diagnostics: [(String, SieveDiagnostic)] = []
        for entry in files {
            let file = entry.path
            let url = URL(fileURLWithPath: file)
            let result = SieveCompiler.compile(
                try SieveFiles.read(entry).get(), limits: limits,
                name: (.personal, url.deletingPathExtension().lastPathComponent),
                includes: SieveFiles.includeResolver(
                    personal: personalDir ?? url.deletingLastPathComponent().path,
                    global: globalDir
                        ?? (url.deletingLastPathComponent().path as NSString).appendingPathComponent("global")),
                explainable: explain)
            diagnostics += result.diagnostics.map { (file, $0) }
            if let program = result.script { programs.append(program) }
        }
        let compiled = SieveCompiler.Result(
            script: programs.count == files.count ? programs.first : nil, diagnostics: diagnostics.map(\.1))
        let existing = Set(mailboxes + ["INBOX"])
        var outcome: SieveOutcome?
        var sequenceErrors: [String] = []
        var traceLines: [String] = []
        if programs.count == files.count {
            let input = SieveInput(
                message: Message(try MessageFile.read(message)), envelopeFrom: envelopeFrom, envelopeTo: envelopeTo,
                mailboxExists: { existing.contains($0) || ($0.uppercased() == "INBOX") },
                subaddressSeparator: separator, spam: spam,
                now: Int64(Date().timeIntervalSince1970),
                localZoneOffset: { [zone = TimeZone.current] in
                    zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval($0)))
                })
            if explain && isFolder.boolValue {
                throw ValidationError("--explain works on one script at a time, not on a folder")
            }
            if programs.count == 1 && !isFolder.boolValue {
                if explain {
                    let (result, trace) = Interpreter.explain(programs[0], input: input, limits: limits)
                    outcome = result
                    traceLines = trace.map { "\(script):\($0)" }
                } else {
                    outcome = Interpreter.run(programs[0], input: input, limits: limits)
                }
            } else {
                let result = SieveSequence.run(programs, input: input, limits: limits)
                outcome = result.outcome
                sequenceErrors = result.errors.map {
                    "\(files[$0.script].path): runtime error: \($0.message) (its actions were dropped)"
                }
            }
        }
        if json {
            // Diagnostics are written here, each with its own file (a folder holds several).
            var document = ResultDocument.make(
                compile: SieveCompiler.Result(script: compiled.script, diagnostics: []), outcome: outcome, file: script)
            if case .object(var members) = document, case .array(let runtimeErrors)? = members["errors"] {
                let formatted = { (severity: SieveDiagnostic.Severity) in
                    diagnostics.filter { $0.1.severity == severity }.map {
                        JSONValue.string($0.1.formatted(file: $0.0))
                    }
                }
                members["errors"] = .array(formatted(.error) + runtimeErrors + sequenceErrors.map(JSONValue.string))
                members["warnings"] = .array(formatted(.warning))
                document = .object(members)
            }
            print(document.rendered(), terminator: "")
            return
        }
        // Values come from the message (and from variables set from it): shown with controls escaped, so a header
        // cannot drive the terminal or forge lines. --json keeps them exact.
        func say(_ line: String) { print(TerminalText.escaped(line)) }
        for (file, diagnostic) in diagnostics { say(diagnostic.formatted(file: file)) }
        if explain {
            say("Tests evaluated:")
            for line in traceLines { say("  " + line) }
            say("Result:")
        }
        for error in sequenceErrors { say(error) }
        guard let outcome else { throw ExitCode(1) }
        if let failure = outcome.runtimeError {
            say("runtime error: \(failure)")
            say("the message falls back to the implicit keep (INBOX)")
            return
        }
        if let score = outcome.score {
            let rules = outcome.scoreHits.map { "\($0.name) \($0.points.formatted())" }.joined(separator: ", ")
            say("spam score \(score.formatted()) (\(rules))")
        }
        for action in outcome.actions { say(Self.describe(action)) }
        if let flags = outcome.implicitKeep {
            say("implicit keep" + (flags.isEmpty ? "" : " with flags \(flags.joined(separator: " "))"))
        }
        if outcome.actions.isEmpty && outcome.implicitKeep == nil { print("no action") }
    }

    static func describe(_ action: SieveAction) -> String {
        func withFlags(_ flags: [String]) -> String {
            flags.isEmpty ? "" : " with flags \(flags.joined(separator: " "))"
        }
        switch action {
        case .keep(let flags): return "keep in INBOX" + withFlags(flags)
        case .fileinto(let mailbox, let flags, let copy, let create):
            return "file into \"\(mailbox)\"" + withFlags(flags) + (copy ? " (a copy)" : "")
                + (create ? " (created if missing)" : "")
        case .redirect(let address, let copy):
            return "redirect to \(address)" + (copy ? " (a copy)" : "") + " [skipped until mail submission exists]"
        case .discard: return "discard"
        case .reject(let reason, let extended):
            return (extended ? "ereject: " : "reject: ") + reason + " [skipped until mail submission exists]"
        case .notify(let notification):
            return "notify by \(notification.method) \(notification.recipients.joined(separator: ", "))"
                + (notification.subject.map { ": \"\($0)\"" } ?? "") + " [skipped until mail submission exists]"
        case .vacation(let reply):
            let days = Double(reply.seconds) / 86_400
            return "vacation reply, at most once every \(days.formatted()) days per sender"
                + (reply.subject.map { ", subject \"\($0)\"" } ?? "")
                + ": \(reply.reason) [skipped until mail submission exists]"
        }
    }
}
