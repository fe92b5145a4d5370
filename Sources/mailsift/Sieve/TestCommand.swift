import ArgumentParser
import Foundation
import MailMessage
import Sieve

/// `mailsift test SCRIPT MESSAGE…`: runs one script (or a folder of them) on each message and prints the
/// actions.
struct TestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run a Sieve script on messages and print the resulting actions.",
        discussion: """
            Every setting of the Pigeonhole oracle's environment (shared/tools/sieve-oracle) is an option, and the \
            defaults are the oracle's: only INBOX \
            exists unless --mailbox names others, the envelope is sender@example.com → recipient@example.com, \
            the local time zone is the one TZ names (date, currentdate), include :personal NAME reads \
            NAME.sieve beside the script and include :global NAME reads global/NAME.sieve there, and the limits \
            are Pigeonhole's (4 redirects, 32 actions). With several messages, each one's result follows a line \
            "== PATH". --local-domain names the site's own domains for the vnd.mailsift.site tests \
            (the daemon's local_domains).
            """
    )

    @Argument(help: "The Sieve script, or a folder whose .sieve files run in name order as one sequence.")
    var script: String
    @Argument(help: "The messages (RFC 5322 files).") var messages: [String] = []
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
    @Option(
        name: .customLong("local-domain"),
        help: "A domain of the site's own (repeat it), for localdomain, lookalikedomain and externalorigin.")
    var localDomains: [String] = []
    @Option(
        help: ArgumentHelp(
            "A token store (mailsift learn): its band is the first score, as in the daemon.", valueName: "store"))
    var learner: String?
    @Flag(help: "Print the normalized result document (the oracle's JSON).") var json = false
    @Flag(
        help: """
            Show each test evaluated, the values it compared, and whether it matched (one script), and each \
            score added with its rule name (a script or a folder).
            """)
    var explain = false

    func validate() throws {
        guard !messages.isEmpty else { throw ValidationError("Missing expected argument '<messages> ...'") }
        if json && messages.count > 1 { throw ValidationError("--json prints one message's result: give one message") }
    }

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
        guard FileManager.default.fileExists(atPath: script, isDirectory: &isFolder) else {
            throw ValidationError("\(script): no such file or folder")
        }
        let rules =
            isFolder.boolValue
            ? RuleSet.load(
                [RuleFolder(path: script, globalPath: globalDir, personalPath: personalDir)], limits: limits,
                explainable: explain)
            : RuleSet.load(
                files: [script], personalPath: personalDir, globalPath: globalDir, limits: limits,
                explainable: explain)
        guard !rules.reports.isEmpty else { throw ValidationError("\(script): no .sieve file in it") }
        // A script that may not be read (a link out of its folder, a FIFO…) stops the command before anything runs.
        if let refused = rules.reports.first(where: { $0.unreadable != nil }) {
            throw Unreadable(path: refused.path, reason: refused.unreadable ?? "")
        }
        let site = SiteSettings(localDomains: localDomains)
        let learner = try self.learner.map { try TestLearner(path: $0) }
        var failed = false
        for (index, message) in messages.enumerated() {
            // A set that did not compile runs on nothing: its errors are printed once.
            if index > 0 && !rules.isComplete { break }
            if messages.count > 1 { print(TerminalText.escaped("== " + message)) }
            do {
                try run(
                    rules, on: message, isFolder: isFolder.boolValue, limits: limits, spam: spam, site: site,
                    learner: learner, separator: separator, printsReports: index == 0)
            } catch let error as ExitCode {
                failed = true
                if messages.count == 1 { throw error }
            } catch {
                guard messages.count > 1 else { throw error }
                failed = true
                print(TerminalText.escaped("error: \(error)"))
            }
        }
        if failed { throw ExitCode(1) }
    }

    /// Runs the rules on one message and prints the result.
    private func run(
        _ rules: RuleSet, on message: String, isFolder: Bool, limits: SieveLimits, spam: SpamSettings,
        site: SiteSettings, learner: TestLearner?, separator: Character, printsReports: Bool
    ) throws {
        let existing = Set(mailboxes + ["INBOX"])
        var outcome: SieveOutcome?
        var sequenceErrors: [String] = []
        var traceLines: [String] = []
        var learnerLines: [String] = []
        if rules.isComplete {
            let parsed = Message(try MessageFile.read(message))
            let learned = learner?.score(parsed, clues: explain ? 10 : 0)
            learnerLines = learned?.lines ?? []
            let input = SieveInput(
                message: parsed, envelopeFrom: envelopeFrom, envelopeTo: envelopeTo,
                mailboxExists: { existing.contains($0) || ($0.uppercased() == "INBOX") },
                subaddressSeparator: separator, spam: spam, site: site, scoreSoFar: learned?.hits ?? [],
                now: Int64(Date().timeIntervalSince1970),
                localZoneOffset: { [zone = TimeZone.current] in
                    zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval($0)))
                })
            if rules.scripts.count == 1 && !isFolder {
                // One script alone runs as itself: a runtime error is its own, and the message falls back to
                // the implicit keep.
                let program = rules.scripts[0].compiled
                if explain {
                    let (result, trace) = Interpreter.explain(program, input: input, limits: limits)
                    outcome = result
                    traceLines = trace.map { "\(script):\($0)" }
                } else {
                    outcome = Interpreter.run(program, input: input, limits: limits)
                }
            } else {
                let result = rules.run(input, limits: limits)
                outcome = result.outcome
                sequenceErrors = result.errors.map(\.description)
            }
        }
        if json {
            let document = ResultDocument.make(reports: rules.reports, outcome: outcome, runtimeErrors: sequenceErrors)
            print(document.rendered(), terminator: "")
            return
        }
        // Values come from the message (and from variables set from it): shown with controls escaped, so a header
        // cannot drive the terminal or forge lines. --json keeps them exact.
        func say(_ line: String) { print(TerminalText.escaped(line)) }
        if printsReports { for report in rules.reports { report.lines.forEach(say) } }
        if explain && !isFolder {
            say("Tests evaluated:")
            for line in traceLines { say("  " + line) }
        }
        if explain { learnerLines.forEach(say) }
        if explain, let outcome, !outcome.scoreHits.isEmpty {
            say("Scores added:")
            for hit in outcome.scoreHits { say("  \(hit.name) \(hit.points >= 0 ? "+" : "")\(hit.points.formatted())") }
        }
        if explain { say("Result:") }
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

    /// A script that is not read, and why (never quoting the file).
    struct Unreadable: Error, CustomStringConvertible {
        var path: String
        var reason: String
        var description: String { "\(path): \(reason)" }
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
