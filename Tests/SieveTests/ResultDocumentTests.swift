import Testing

@testable import Sieve

/// `ResultDocument` of several files (a rule folder): each diagnostic names its own file, and the errors of
/// scripts that failed in a sequence follow the outcome's.
@Suite struct ResultDocumentTests {
    let warning = SieveDiagnostic.warning("a warning", at: SourceLocation(line: 1, column: 2, offset: 1))
    let error = SieveDiagnostic.error("an error", at: SourceLocation(line: 3, column: 4, offset: 20))

    private func strings(_ document: JSONValue, _ key: String) -> [String] {
        guard case .object(let members) = document, case .array(let values)? = members[key] else { return [] }
        return values.compactMap { if case .string(let text) = $0 { text } else { nil } }
    }

    @Test func eachDiagnosticNamesItsFile() {
        let reports = [
            RuleSet.FileReport(path: "rules/10-a.sieve", diagnostics: [warning]),
            RuleSet.FileReport(path: "rules/20-b.sieve", diagnostics: [warning, error]),
        ]
        let document = ResultDocument.make(reports: reports, outcome: nil)
        #expect(strings(document, "errors") == ["rules/20-b.sieve:3:4: error: an error"])
        #expect(
            strings(document, "warnings") == [
                "rules/10-a.sieve:1:2: warning: a warning", "rules/20-b.sieve:1:2: warning: a warning",
            ])
        #expect(document.rendered().contains(#""compile": "error""#))
        #expect(document.rendered().contains(#""runtime": "not-run""#))
    }

    @Test func sequenceErrorsFollowAndTheRunStaysOk() {
        let reports = [RuleSet.FileReport(path: "rules/10-a.sieve", diagnostics: [warning])]
        let outcome = SieveOutcome(actions: [.discard], implicitKeep: nil, runtimeError: nil)
        let document = ResultDocument.make(
            reports: reports, outcome: outcome, runtimeErrors: ["rules/20-b.sieve: runtime error: too many"])
        #expect(strings(document, "errors") == ["rules/20-b.sieve: runtime error: too many"])
        #expect(strings(document, "warnings") == ["rules/10-a.sieve:1:2: warning: a warning"])
        #expect(document.rendered().contains(#""runtime": "ok""#))
    }

    @Test func oneScriptsDocumentIsTheSameThroughEitherEntry() {
        let compiled = SieveCompiler.compile("keep;")
        let outcome = SieveOutcome(actions: [], implicitKeep: [], runtimeError: "boom")
        let single = ResultDocument.make(compile: compiled, outcome: outcome, file: "x.sieve")
        let reports = ResultDocument.make(reports: [RuleSet.FileReport(path: "x.sieve")], outcome: outcome)
        #expect(single == reports)
        #expect(strings(single, "errors") == ["boom"])
    }
}
