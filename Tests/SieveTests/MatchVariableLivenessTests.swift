import Testing

@testable import Sieve

/// Which tests the compiler lets run without finding their match variables. What a script then does is checked
/// against Pigeonhole by the conformance cases `match-vars-*`; these tests check that the work is saved where
/// it can be, and kept where a string can read the variables.
@Suite struct MatchVariableLivenessTests {
    /// The `:matches` and `:regex` tests of a script in source order, each with whether it finds its variables.
    private func setters(_ source: String) throws -> [(text: String, findsVariables: Bool)] {
        let compiled = SieveCompiler.compile(Array(source.utf8), explainable: true)
        let script = try #require(compiled.script, "\(compiled.diagnostics)")
        var found: [(String, Bool)] = []
        // Explainable scripts keep each test's text in `located`, around the mark when there is one.
        func visit(_ test: TestNode) {
            switch test {
            case .located(.withoutMatchVariables(let inner), _, let text):
                if MatchVariableLiveness.setsMatchVariables(inner) { found.append((text, false)) }
            case .located(let inner, _, let text):
                if MatchVariableLiveness.setsMatchVariables(inner) { found.append((text, true)) }
                visit(inner)
            case .not(let inner): visit(inner)
            case .allOf(let tests), .anyOf(let tests): for inner in tests { visit(inner) }
            default: break
            }
        }
        func visit(_ commands: [CommandNode]) {
            for case .ifChain(let branches, let otherwise) in commands {
                for (test, block) in branches {
                    visit(test)
                    visit(block)
                }
                visit(otherwise ?? [])
            }
        }
        visit(script.commands)
        return found
    }

    /// The rule packs' case: `${1}` of the From test is read at once, and the Reply-To test's inside its own
    /// block, so the Message-ID pattern between them need not find its groups.
    @Test func aTestBetweenAReadAndAGuardedReadIsNotAsked() throws {
        let found = try setters(
            """
            require ["variables", "regex", "vnd.mailsift.score"];
            if address :domain :matches "from" "*" { set "from_domain" "${1}"; }
            if not header :regex "message-id" "^<([^@]+)@([^>]+)>$" { addscore "1" "INVALID_MESSAGE_ID"; }
            if address :domain :matches "reply-to" "*" { addscore "1" "${1}"; }
            """)
        #expect(found.map(\.findsVariables) == [true, false, true], "\(found)")
    }

    /// A read that no matching test guards can see any earlier test, and a test inside a guard's block can be
    /// the one a read after it in that block sees.
    @Test func readsThatCanSeeATestKeepItsVariables() throws {
        let unguarded = try setters(
            """
            require ["variables", "regex", "fileinto"];
            if header :matches "x-priority" "*" {}
            if header :regex "subject" "(z+)" {}
            fileinto "${1}";
            """)
        #expect(unguarded.map(\.findsVariables) == [true, true])
        let inner = try setters(
            """
            require ["variables", "regex", "fileinto"];
            if header :matches "x-priority" "*" { if header :regex "subject" "(z+)" {} fileinto "${1}"; }
            """)
        #expect(inner.map(\.findsVariables) == [true, true])
        // `anyof` and `not` do not say that their matching test matched: the earlier test stays visible.
        let anyOf = try setters(
            """
            require ["variables", "regex", "fileinto"];
            if header :regex "subject" "(z+)" {}
            if anyof (header :matches "x-priority" "9*", true) { fileinto "${1}"; }
            if not header :matches "x-priority" "9*" { fileinto "${1}"; }
            """)
        #expect(anyOf.map(\.findsVariables) == [true, true, true])
    }

    /// In an `allof`, a later test's strings see the earlier tests that matched; an `elsif` guards its block
    /// like an `if`; a test after the last read is never asked.
    @Test func allofElsifAndTrailingTests() throws {
        let found = try setters(
            """
            require ["variables", "regex", "fileinto"];
            if header :regex "message-id" "<([a-z]+)-" {}
            if allof (header :matches "x-priority" "*", string :is "${1}" "2") { fileinto "two"; }
            if header :regex "message-id" "<([a-z]+)-" {}
            if header :is "x-priority" "9" {} elsif header :matches "x-priority" "*" { fileinto "${1}"; }
            if header :regex "subject" "(z+)" { fileinto "z"; }
            """)
        #expect(found.map(\.findsVariables) == [false, true, false, true, false], "\(found)")
    }

    /// A script that reads no match variable is left as it is: no test finds them anyway.
    @Test func aScriptThatReadsNoneIsUnchanged() throws {
        let found = try setters(
            """
            require ["regex", "fileinto"];
            if header :regex "subject" "(z+)" { fileinto "z"; }
            """)
        #expect(found.map(\.findsVariables) == [true])
    }
}
