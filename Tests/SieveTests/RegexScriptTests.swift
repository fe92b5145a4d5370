import MailMessage
import Testing

@testable import Sieve

/// `:regex` in scripts: patterns compiled once with the script, refused with their place when too large, and
/// hostile ones stopped by the step budget.
@Suite struct RegexScriptTests {
    private func message(subject: String) -> Message {
        Message(Array("From: a@x.fr\nSubject: \(subject)\n\nbody\n".utf8))
    }

    /// Before: 250 tests of `(a|a)*b` on an 8 KB subject took 42.6 s in glibc and ended without a budget
    /// error. Now the matching is charged as it goes, and a run that costs stops with the budget error. (That
    /// pattern no longer costs: on a long value the DFA answers it at one lookup per byte, 250 runs in a few
    /// milliseconds. This one has more states than the DFA keeps, so every byte builds one.)
    @Test func hostileTestsStopWithTheBudgetError() throws {
        let tests = String(
            repeating: "if header :regex \"subject\" \"(a|b)*a(a|b){14}c\" { discard; }\n", count: 250)
        let compiled = SieveCompiler.compile("require \"regex\";\n" + tests)
        let script = try #require(compiled.script, "\(compiled.diagnostics)")
        var random: UInt64 = 0x9E37_79B9_7F4A_7C15
        let subject = String(
            (0..<(8 * 1024)).map { _ in
                random ^= random << 13
                random ^= random >> 7
                random ^= random << 17
                return random & 1 == 0 ? "a" : "b"
            })
        let outcome = Interpreter.run(script, input: SieveInput(message: message(subject: subject)))
        #expect(outcome.runtimeError == Interpreter.budgetMessage(.default))
        #expect(outcome.implicitKeep == nil && outcome.actions.isEmpty)
    }

    /// `(a|a)*b` on a long value: answered by the DFA, a few steps per kilobyte, without a budget error.
    @Test func aPatternSlowForGlibcIsCheapOnLongValues() throws {
        let tests = String(repeating: "if header :regex \"subject\" \"(a|a)*b\" { discard; }\n", count: 250)
        let script = try #require(SieveCompiler.compile("require \"regex\";\n" + tests).script)
        let outcome = Interpreter.run(
            script, input: SieveInput(message: message(subject: String(repeating: "a", count: 8 * 1024))))
        #expect(outcome.runtimeError == nil)
        #expect(outcome.actions.isEmpty)
    }

    /// The same script on an ordinary subject costs little.
    @Test func ordinaryTestsStayWellWithinTheBudget() throws {
        let tests = String(repeating: "if header :regex \"subject\" \"(a|a)*b\" { discard; }\n", count: 250)
        let script = try #require(SieveCompiler.compile("require \"regex\";\n" + tests).script)
        var limits = SieveLimits()
        limits.maxSteps = 20_000
        let outcome = Interpreter.run(
            script, input: SieveInput(message: message(subject: "Réunion de rentrée — jeudi 17 h")), limits: limits)
        #expect(outcome.runtimeError == nil)
    }

    @Test func nestedCountsAreACompileErrorWithTheirPlace() {
        let result = SieveCompiler.compile(
            "require \"regex\";\nif header :regex \"subject\" \"((a{1,100}){1,100}){1,100}\" { discard; }\n")
        #expect(result.script == nil)
        let error = result.errors.first
        #expect(error?.location.line == 2 && error?.location.column == 28, "\(String(describing: error))")
        #expect(error?.message.contains("too large once its repetitions are expanded") == true)
    }

    @Test func aScriptsPatternsAreBoundedTogether() {
        // Each pattern compiles to about 5,100 instructions; twenty of them pass the script's total.
        let tests = (0..<20).map { "if header :regex \"x-\($0)\" \"k\($0)a{0,255}(b{0,255}){0,9}\" { discard; }" }
        let result = SieveCompiler.compile("require \"regex\";\n" + tests.joined(separator: "\n"))
        #expect(result.errors.count == 1)
        #expect(result.errors.first?.message.contains("regular expressions together are too large") == true)
        #expect(result.errors.first?.location.line == 21)  // the 20th test
    }

    /// Each literal pattern is compiled once, with the script: two tests share the program.
    @Test func literalPatternsAreCompiledOncePerScript() throws {
        let script = try #require(
            SieveCompiler.compile(
                "require \"regex\";\nif header :regex \"subject\" \"^a+$\" { stop; }\nif header :regex \"to\" \"^a+$\" { stop; }"
            ).script)
        let regexes = script.commands.compactMap { command -> SieveRegex? in
            guard case .ifChain(let branches, _) = command, case .header(_, _, let keys, _, _) = branches[0].test else {
                return nil
            }
            return keys.regexes?.first ?? nil
        }
        #expect(regexes.count == 2 && regexes[0] === regexes[1])
    }

    @Test func patternsFromVariablesAreCompiledWhenTheScriptRuns() throws {
        let source = """
            require ["regex", "variables", "fileinto"];
            set "word" "r(o)n";
            set "broken" "(r";
            if header :regex "subject" "${broken}" { fileinto "broken"; }
            if header :regex "subject" "${word}$" { fileinto "${0}-${1}"; }
            """
        let script = try #require(SieveCompiler.compile(source).script)
        let outcome = Interpreter.run(script, input: SieveInput(message: message(subject: "environ")))
        #expect(outcome.runtimeError == nil)
        #expect(outcome.actions == [.fileinto(mailbox: "ron-o", flags: [], copy: false, create: false)])
    }
}
