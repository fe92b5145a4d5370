import Foundation
import MailMessage
import Sieve
import TestSupport
import Testing

/// One case of `Tests/sieve-conformance/cases`: a script, a message, an optional envelope, Pigeonhole's
/// expected result, and — for a deliberate difference — the reason and our own expected result.
struct ConformanceCase: CustomTestStringConvertible, Sendable {
    let name: String
    let base: URL

    var testDescription: String { name }

    static let folder = Repository.root.appendingPathComponent("Tests/sieve-conformance/cases")

    static var all: [ConformanceCase] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        // Cases are NNN-name.sieve; other .sieve files there are scripts the cases include.
        return names.filter { $0.hasSuffix(".sieve") && $0.prefix(3).allSatisfy(\.isNumber) }.sorted().map {
            let name = String($0.dropLast(6))
            return ConformanceCase(name: name, base: folder.appendingPathComponent(name))
        }
    }

    /// The existing mailboxes of the oracle's environment.
    static let mailboxes: Set<String> = ["INBOX", "Archive", "Spam", "Listes", "Travail", "Travail/Projets"]

    func file(_ suffix: String) -> URL { base.appendingPathExtension(suffix) }

    var differs: String? {
        (try? String(contentsOf: file("differs"), encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    var envelope: (from: String, to: String) {
        var from = "sender@example.com"
        var to = "recipient@example.com"
        let text = (try? String(contentsOf: file("env"), encoding: .utf8)) ?? ""
        for line in text.split(separator: "\n") {
            let pair = line.split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2 else { continue }
            if pair[0] == "envelope-from" { from = pair[1] }
            if pair[0] == "envelope-to" { to = pair[1] }
        }
        return (from, to)
    }

    /// Our result document, run in the oracle's environment.
    func run() throws -> JSONValue {
        let script = [UInt8](try Data(contentsOf: file("sieve")))
        let message = Message([UInt8](try Data(contentsOf: file("eml"))))
        let folder = Self.folder.path
        let compiled = SieveCompiler.compile(
            script, name: (.personal, name),
            includes: IncludeResolver { location, included in
                let base = location == .personal ? folder : folder + "/global"
                return FileManager.default.contents(atPath: base + "/" + included + ".sieve").map { [UInt8]($0) }
            })
        let outcome = compiled.script.map { program in
            Interpreter.run(
                program,
                input: SieveInput(
                    message: message, envelopeFrom: envelope.from, envelopeTo: envelope.to,
                    mailboxExists: { Self.mailboxes.contains($0) }, now: Int64(Date().timeIntervalSince1970)))
        }
        return ResultDocument.make(compile: compiled, outcome: outcome, file: name + ".sieve")
    }

    /// The part of a result document that is compared (the oracle's `comparison_view`), with mailbox names
    /// and reject reasons sanitized as the oracle reports them (its rules 5 and 6).
    static func comparisonView(_ document: JSONValue) -> JSONValue {
        guard case .object(let members) = document else { return document }
        var view = members.filter { ["compile", "runtime", "actions"].contains($0.key) }
        if case .array(let actions)? = view["actions"] {
            view["actions"] = .array(
                actions.map { action in
                    guard case .object(var fields) = action else { return action }
                    for key in ["mailbox", "reason"] {
                        if case .string(let text)? = fields[key] { fields[key] = .string(sanitized(text)) }
                    }
                    return .object(fields)
                })
        }
        return .object(view)
    }

    /// Dovecot's `str_sanitize(text, 128)` after CRLF canonicalization: control bytes become `?`, and a longer
    /// text is cut at a character boundary to 125 bytes plus `...`.
    static func sanitized(_ text: String) -> String {
        var canonical = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n")
        canonical = String(canonical.unicodeScalars.map { $0.value < 0x20 ? "?" : Character($0) })
        guard canonical.utf8.count > 128 else { return canonical }
        var cut = ""
        for character in canonical {
            if cut.utf8.count + String(character).utf8.count > 125 { break }
            cut.append(character)
        }
        return cut + "..."
    }

    static func load(_ url: URL) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(contentsOf: url))
    }
}
