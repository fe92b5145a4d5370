import MailMessage
import Sieve
import Testing

/// What the Pigeonhole oracle cannot show: duplicates actually seen, the step budget, scores carried from the
/// administrator's scripts to the user's, what a script needs of a message.
@Suite struct InterpreterTests {
    let message = Message(
        Array(
            """
            From: a@x.fr
            To: b@y.fr
            Subject: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab
            Message-ID: <m1@x.fr>

            body
            """.utf8))

    private func run(_ source: String, _ input: (Message) -> SieveInput = { SieveInput(message: $0) }) throws
        -> SieveOutcome
    {
        let compiled = SieveCompiler.compile(source)
        let script = try #require(compiled.script, "\(compiled.diagnostics)")
        return Interpreter.run(script, input: input(message))
    }

    @Test func duplicateSeenBefore() throws {
        let outcome = try run(#"require "duplicate"; if duplicate :handle "h" :seconds 60 { discard; }"#) {
            SieveInput(message: $0, seenBefore: { $0.id == "<m1@x.fr>" && $0.handle == "h" && $0.seconds == 60 })
        }
        #expect(outcome.actions == [.discard])
        #expect(outcome.duplicateMarks == [DuplicateKey(id: "<m1@x.fr>", handle: "h", seconds: 60, last: false)])
    }

    @Test func duplicatePeriodIsCapped() throws {
        let outcome = try run(#"require "duplicate"; if duplicate :seconds 9999999 { discard; }"#)
        #expect(outcome.duplicateMarks.first?.seconds == SieveLimits.default.duplicateMaximumSeconds)
        #expect(outcome.implicitKeep != nil)
    }

    @Test func catastrophicWildcardStopsAtTheBudgetAndFallsBackToKeep() throws {
        // Each `*` can take any length: without a bound this is exponential in the number of stars.
        let pattern = String(repeating: "*a", count: 30) + "c"
        let outcome = try run(#"if header :matches "subject" "\#(pattern)" { discard; }"#)
        #expect(outcome.runtimeError?.contains("steps") == true)
        #expect(outcome.actions.isEmpty)
    }

    @Test func scoresCarryFromEarlierScripts() throws {
        let admin = try #require(
            SieveCompiler.compile(#"require "vnd.mailsift.score"; addscore "4" "ADMIN_RULE";"#).script)
        let first = Interpreter.run(admin, input: SieveInput(message: message))
        #expect(first.score == 4)
        let user = try #require(
            SieveCompiler.compile(
                """
                require ["spamtest", "relational", "comparator-i;ascii-numeric", "vnd.mailsift.score"];
                addscore "1.5" "USER_RULE";
                if spamtest :value "ge" :comparator "i;ascii-numeric" "5" { discard; }
                """
            ).script)
        let second = Interpreter.run(user, input: SieveInput(message: message, scoreSoFar: first.scoreHits))
        #expect(second.score == 5.5)
        #expect(second.scoreHits.map(\.name) == ["ADMIN_RULE", "USER_RULE"])
        #expect(second.actions == [.discard])
    }

    @Test func needsTellWhatToFetch() throws {
        let headersOnly = try #require(
            SieveCompiler.compile(#"if header :contains ["Subject", "List-Id"] "x" { keep; }"#).script)
        #expect(headersOnly.needs.headerFields == ["subject", "list-id"])
        #expect(!headersOnly.needs.body && !headersOnly.needs.allHeaders && !headersOnly.needs.envelope)
        let body = try #require(
            SieveCompiler.compile(
                #"require ["body", "envelope"]; if body :contains "x" { keep; } if envelope "to" "a@b" { keep; }"#
            ).script)
        #expect(body.needs.body && body.needs.envelope)
        let dynamic = try #require(
            SieveCompiler.compile(#"require "variables"; set "h" "subject"; if exists "${h}" { keep; }"#).script)
        #expect(dynamic.needs.allHeaders)
    }

    @Test func unicodeWildcardSurvivesCharactersWhoseLowerCaseIsLonger() throws {
        // "İ" (U+0130) lower-cases to "i" + U+0307: a case fold must not assume one character in, one out.
        let message = Message(Array("Subject: \u{130}stanbul \u{1E9E} \u{FB03}\n\nx".utf8))
        let script = try #require(
            SieveCompiler.compile(
                """
                require "comparator-i;unicode-casemap";
                if header :comparator "i;unicode-casemap" :matches "subject" "?stanbul*" { discard; }
                """
            ).script)
        let outcome = Interpreter.run(script, input: SieveInput(message: message))
        #expect(outcome.runtimeError == nil)
        #expect(outcome.actions == [.discard])
    }

    @Test func cachedFieldValuesFollowEditheader() throws {
        // The run caches field values; editing the header must be seen by the tests after the edit.
        let outcome = try run(
            """
            require ["editheader", "fileinto", "variables"];
            if header :is "x-tag" "un" { fileinto "avant"; }
            if address :domain :is "to" "y.fr" { addheader "X-Tag" "un"; deleteheader "to"; }
            if header :is "x-tag" "un" { fileinto "apres"; }
            if address :domain :is "to" "y.fr" { fileinto "jamais"; }
            """)
        #expect(outcome.actions == [.fileinto(mailbox: "apres", flags: [], copy: false, create: false)])
    }

    /// A literal that cannot be an address is found when the script is compiled (conformance case 280); one
    /// built from variables only when it runs.
    @Test func redirectToAnInvalidAddressIsARuntimeError() throws {
        let outcome = try run(#"require "variables"; set "a" "pas une adresse"; redirect "${a}";"#)
        #expect(outcome.runtimeError != nil)
    }
}

@Suite struct CompilerDiagnosticsTests {
    @Test func everyErrorWithItsPlace() {
        let result = SieveCompiler.compile(
            """
            require ["fileinto", "x-unknown"];
            fileinto "a" "b";
            if header :is "subject" { keep; }
            frobnicate;
            """)
        #expect(result.script == nil)
        #expect(
            result.errors.map { $0.formatted(file: "r.sieve") } == [
                #"r.sieve:1:1: error: unsupported extension "x-unknown""#,
                "r.sieve:2:1: error: the fileinto command takes 1 argument (a string) but was given 2 arguments (a string, a string)",
                "r.sieve:3:4: error: the header test takes 2 arguments (a string list, a string list) but was given 1 argument (a string)",
                "r.sieve:4:1: error: unknown command 'frobnicate'",
            ])
    }

    @Test func oversizedScriptIsRefused() {
        var limits = SieveLimits()
        limits.maxScriptSize = 100
        let result = SieveCompiler.compile(Array(String(repeating: "keep;\n", count: 100).utf8), limits: limits)
        #expect(result.script == nil)
        #expect(result.errors.first?.message.contains("more than the limit of 100") == true)
    }

    @Test func warningsDoNotStopAScript() {
        let result = SieveCompiler.compile(#"require "date"; if date :is "date" "fortnight" "1" { discard; }"#)
        #expect(result.script != nil)
        #expect(result.diagnostics.map(\.severity) == [.warning])
    }
}
