import MailMessage
import Sieve
import Testing

/// The rule of `SieveSequence`: administrator's scripts then the user's, one merged result.
@Suite struct SieveSequenceTests {
    let message = Message(
        Array(
            """
            From: "Service informatique" <support@academie-securite.example>
            Reply-To: helpdesk@freemail.example
            To: jeanne@college-exemple.fr
            Subject: URGENT: votre boite sera supprimee

            Cliquez ici.
            """.utf8))

    private func compile(_ sources: [String]) throws -> [CompiledScript] {
        try sources.map { source in
            let result = SieveCompiler.compile(source)
            return try #require(result.script, "\(result.diagnostics)")
        }
    }

    @Test func stopInTheAdministratorsScriptEndsTheSequence() throws {
        let scripts = try compile([
            #"require "fileinto"; if header :contains "subject" "URGENT" { fileinto "Junk"; stop; }"#,
            #"require "fileinto"; fileinto "Travail";"#,
        ])
        let result = SieveSequence.run(scripts, input: SieveInput(message: message))
        #expect(result.outcome.actions == [.fileinto(mailbox: "Junk", flags: [], copy: false, create: false)])
        #expect(result.outcome.stopped)
    }

    @Test func scoresCarryAndActionsMerge() throws {
        let scripts = try compile([
            #"require ["vnd.mailsift.score", "fileinto", "copy"]; addscore "3" "URGENT"; addscore "2.5" "FREEMAIL"; fileinto :copy "Archive";"#,
            #"require ["spamtest", "relational", "comparator-i;ascii-numeric", "fileinto"]; if spamtest :value "ge" :comparator "i;ascii-numeric" "5" { fileinto "Junk"; }"#,
        ])
        let result = SieveSequence.run(scripts, input: SieveInput(message: message))
        #expect(result.outcome.score == 5.5)
        #expect(
            result.outcome.actions == [
                .fileinto(mailbox: "Archive", flags: [], copy: true, create: false),
                .fileinto(mailbox: "Junk", flags: [], copy: false, create: false),
            ])
        #expect(result.outcome.implicitKeep == nil)
        #expect(result.errors.isEmpty)
    }

    /// The processing log names the scripts that did something to the message, not every script in force.
    @Test func theScriptsThatDecidedAreNamed() throws {
        let scripts = try compile([
            #"require "vnd.mailsift.score"; addscore "3" "URGENT";"#,
            #"require "fileinto"; if header :contains "subject" "réunion" { fileinto "Travail"; }"#,
            #"redirect "a1@x.fr"; redirect "a2@x.fr"; redirect "a3@x.fr"; redirect "a4@x.fr"; redirect "a5@x.fr";"#,
            #"require "fileinto"; if header :contains "from" "securite" { fileinto "Junk"; }"#,
            #"if false { discard; }"#,
        ])
        let result = SieveSequence.run(scripts, input: SieveInput(message: message))
        #expect(result.decidedBy == [0, 3])
        let nothing = SieveSequence.run(Array(scripts[1...1]), input: SieveInput(message: message))
        #expect(nothing.decidedBy.isEmpty && nothing.outcome.implicitKeep == [])
    }

    @Test func aScriptThatFailsAddsNothingAndTheOthersRun() throws {
        let scripts = try compile([
            #"redirect "a1@x.fr"; redirect "a2@x.fr"; redirect "a3@x.fr"; redirect "a4@x.fr"; redirect "a5@x.fr";"#,
            #"require "fileinto"; fileinto "Travail";"#,
        ])
        let result = SieveSequence.run(scripts, input: SieveInput(message: message))
        #expect(result.errors.map(\.script) == [0])
        #expect(result.outcome.actions == [.fileinto(mailbox: "Travail", flags: [], copy: false, create: false)])
    }

    @Test func aConflictWithEarlierScriptsDropsTheLaterScriptsActions() throws {
        let scripts = try compile([
            #"require "reject"; reject "refusé";"#,
            "keep;",
        ])
        let result = SieveSequence.run(scripts, input: SieveInput(message: message))
        #expect(result.outcome.actions == [.reject(reason: "refusé", extended: false)])
        #expect(result.errors.map(\.script) == [1])
    }

    /// One interpreter runs the sequence's scripts: each starts as a script of its own would, with none of the
    /// variables, match values, internal flags, header edits or step budget the one before it left.
    @Test func aScriptStartsWithNothingTheOneBeforeLeft() throws {
        let scripts = try compile([
            #"""
            require ["variables", "imap4flags", "editheader"];
            set "v" "one"; addflag "$A"; addheader "X-Added" "1";
            if header :matches "subject" "URGENT*" { set "m" "${1}"; }
            """#,
            #"""
            require ["variables", "imap4flags", "fileinto"];
            if allof (string :is "${v}" "", string :is "${1}" "", not hasflag "$A", not exists "x-added") {
                fileinto "Clean";
            }
            """#,
        ])
        let result = SieveSequence.run(scripts, input: SieveInput(message: message))
        #expect(result.errors.isEmpty)
        // fileinto takes the internal flags: none, not the first script's "$A".
        #expect(result.outcome.actions == [.fileinto(mailbox: "Clean", flags: [], copy: false, create: false)])
    }

    @Test func implicitKeepStandsWhenNoScriptCancelsIt() throws {
        let scripts = try compile([
            #"require "imap4flags"; addflag "$Vu";"#,
            #"require "imap4flags"; addflag "$Lu";"#,
        ])
        let result = SieveSequence.run(scripts, input: SieveInput(message: message))
        #expect(result.outcome.actions.isEmpty)
        #expect(result.outcome.implicitKeep == ["$Lu"])
    }
}
