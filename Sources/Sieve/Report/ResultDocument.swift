/// The normalized result document of `../shared/tools/sieve-oracle/README.md`: what `mailsift test --json`
/// prints, and what the differential tests compare with Pigeonhole's answers.
public enum ResultDocument {
    /// The document of one compiled script.
    public static func make(compile: SieveCompiler.Result, outcome: SieveOutcome?, file: String) -> JSONValue {
        make(reports: [RuleSet.FileReport(path: file, diagnostics: compile.diagnostics)], outcome: outcome)
    }

    /// The document of a run of several files (a rule folder): each diagnostic names its own file. The scripts
    /// ran only if every file compiled and there is an outcome; `runtimeErrors` are the errors of scripts that
    /// failed in a sequence (`RuleSet.RuntimeError`), after the outcome's own.
    public static func make(reports: [RuleSet.FileReport], outcome: SieveOutcome?, runtimeErrors: [String] = [])
        -> JSONValue
    {
        let errors = reports.flatMap(\.errorLines)
        let warnings = reports.flatMap { report in
            report.diagnostics.filter { $0.severity == .warning }.map { $0.formatted(file: report.path) }
        }
        guard !reports.contains(where: \.hasErrors), let outcome else {
            return document(compile: "error", runtime: "not-run", actions: [], errors: errors, warnings: warnings)
        }
        if let failure = outcome.runtimeError {
            return document(
                compile: "ok", runtime: "error", actions: [], errors: errors + [failure] + runtimeErrors,
                warnings: warnings)
        }
        var actions = outcome.actions.map(action)
        if let flags = outcome.implicitKeep {
            actions.append(.object(["action": .string("keep"), "implicit": .bool(true), "flags": flagList(flags)]))
        }
        return document(
            compile: "ok", runtime: "ok", actions: actions, errors: errors + runtimeErrors, warnings: warnings)
    }

    private static func document(
        compile: String, runtime: String, actions: [JSONValue], errors: [String], warnings: [String]
    ) -> JSONValue {
        .object([
            "compile": .string(compile), "runtime": .string(runtime), "actions": .array(actions),
            "errors": .array(errors.map(JSONValue.string)), "warnings": .array(warnings.map(JSONValue.string)),
        ])
    }

    private static func action(_ action: SieveAction) -> JSONValue {
        switch action {
        case .keep(let flags):
            .object(["action": .string("keep"), "implicit": .bool(false), "flags": flagList(flags)])
        case .fileinto(let mailbox, let flags, let copy, let create):
            .object([
                "action": .string("fileinto"), "mailbox": .string(mailbox), "flags": flagList(flags),
                "copy": .bool(copy), "create": .bool(create),
            ])
        case .redirect(let address, let copy):
            .object(["action": .string("redirect"), "address": .string(address), "copy": .bool(copy)])
        case .discard:
            .object(["action": .string("discard")])
        case .reject(let reason, _):
            .object(["action": .string("reject"), "reason": .string(reason)])
        case .notify(let notification):
            .object([
                "action": .string("notify"), "method": .string(notification.method),
                "details": .object(notificationDetails(notification)),
            ])
        case .vacation(let reply):
            .object([
                "action": .string("vacation"), "seconds": .number(Int(clamping: reply.seconds)),
                "subject": reply.subject.map(JSONValue.string) ?? .null,
                "from": reply.from.map(JSONValue.string) ?? .null,
                "handle": reply.handle.map(JSONValue.string) ?? .null, "reason": .string(reply.reason),
            ])
        }
    }

    /// What sieve-test prints of a notification, keys present only when set.
    private static func notificationDetails(_ notification: Notification) -> [String: JSONValue] {
        var details: [String: JSONValue] = [
            "importance": .string(notification.importance),
            "recipients": .array(notification.recipients.map(JSONValue.string)),
        ]
        if let from = notification.from { details["from"] = .string(from) }
        if let subject = notification.subject { details["subject"] = .string(subject) }
        if let body = notification.body { details["body"] = .string(body) }
        if !notification.headers.isEmpty { details["headers"] = .array(notification.headers.map(JSONValue.string)) }
        return details
    }

    static let systemFlags = ["\\Answered", "\\Deleted", "\\Draft", "\\Flagged", "\\Seen"]

    /// Rule 4 of the oracle: system flags spelled canonically and sorted, then keywords sorted without case,
    /// duplicates (without case) dropped keeping the first spelling, keywords cut at 64 bytes.
    static func flagList(_ flags: [String]) -> JSONValue {
        var system: [String] = []
        var keywords: [String] = []
        var seen: Set<String> = []
        for flag in FlagSet.parse(flags) {
            let key = flag.lowercased()
            guard !seen.contains(key) else { continue }
            seen.insert(key)
            if let canonical = systemFlags.first(where: { $0.lowercased() == key }) {
                system.append(canonical)
            } else {
                keywords.append(String(decoding: Array(flag.utf8.prefix(64)), as: UTF8.self))
            }
        }
        let ordered = system.sorted() + keywords.sorted { $0.lowercased() < $1.lowercased() }
        return .array(ordered.map(JSONValue.string))
    }
}
