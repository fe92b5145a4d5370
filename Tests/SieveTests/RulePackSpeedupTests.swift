import MailMessage
import TestSupport
import Testing

@testable import Sieve

/// The shortcuts that made the rule packs fast give the answers of the plain code they bypass: `:contains`
/// keys searched with memchr on a value folded once, `:contains ""` without decoding, `:raw` searched without
/// decoding, header values shared by the scripts of a sequence, and look-alike folding of ASCII names.
@Suite struct RulePackSpeedupTests {
    /// `SubstringSearch` against the byte-by-byte comparison it replaced, on generated values and keys (letters
    /// of both cases, digits, spaces, UTF-8), with the value folded beforehand and not.
    @Test func substringSearchAgreesWithTheByteScan() {
        var generator = XorShiftGenerator(state: 0x9E37_79B9_7F4A_7C15)
        let alphabet = ["a", "B", "b", "A", "q", "Q", "z", "1", " ", "é", "É", "*", "-"]
        var differences: [String] = []
        for _ in 0..<20_000 {
            let value = generator.text(generator.below(40), from: alphabet)
            let key = generator.text(generator.below(4), from: alphabet)
            for fold in [false, true] {
                let expected = ASCIIFold.contains(value, key, fold: fold)
                let search = SubstringSearch(key, fold: fold)
                var copy = value
                let direct = copy.withUTF8 { search.occurs(in: $0, folded: false) }
                let onFolded =
                    fold
                    ? ASCIIFold.folded(value).withUnsafeBufferPointer { search.occurs(in: $0, folded: true) } : direct
                if direct != expected || onFolded != expected {
                    differences.append(
                        "\"\(key)\" in \"\(value)\" fold \(fold): \(direct) \(onFolded), not \(expected)")
                }
            }
        }
        #expect(differences.isEmpty, "\(differences.prefix(10).joined(separator: "\n"))")
    }

    private func outcome(_ script: String, _ message: String) throws -> SieveOutcome {
        let compiled = SieveCompiler.compile(script)
        let program = try #require(compiled.script, "\(compiled.diagnostics)")
        return Interpreter.run(program, input: SieveInput(message: Message(Array(message.utf8))))
    }

    private func fired(_ script: String, _ message: String) throws -> [String] {
        try outcome(script, message).scoreHits.map(\.name)
    }

    private let htmlOnly = """
        From: a@x.example
        Content-Type: text/html; charset=utf-8

        <p>Votre BOÎTE mail est <b>SATURÉE</b></p>
        """

    private let plainAndHTML = """
        From: a@x.example
        Content-Type: multipart/alternative; boundary=b

        --b
        Content-Type: text/plain

        Votre Password expire.
        --b
        Content-Type: text/html

        <p>Votre <i>Password</i> expire.</p>
        --b--
        """

    /// Keys in any case find words of the decoded text in any case, in every part; keys that are absent do not.
    @Test func bodyContainsFindsKeysInAnyCase() throws {
        let script = """
            require ["body", "vnd.mailsift.score"];
            if body :text :contains ["SaturÉe", "zzz"] { addscore "1" "FR"; }
            if body :text :contains ["nothing", "PASSWORD"] { addscore "1" "EN"; }
            if body :text :comparator "i;octet" :contains "password" { addscore "1" "OCTET"; }
            if body :text :comparator "i;octet" :contains "Password" { addscore "1" "OCTET_CASE"; }
            """
        #expect(try fired(script, htmlOnly) == ["FR"])
        #expect(try fired(script, plainAndHTML) == ["EN", "OCTET_CASE"])
    }

    /// `body :content TYPE :contains ""` says whether such a part exists (now without decoding it).
    @Test func emptyContainsKeyTellsWhetherAPartExists() throws {
        let script = """
            require ["body", "vnd.mailsift.score"];
            if body :content "text/html" :contains "" { addscore "1" "HTML"; }
            if body :content "text/plain" :contains "" { addscore "1" "PLAIN"; }
            if body :content "multipart" :contains "" { addscore "1" "MULTI"; }
            if body :content "image" :contains "" { addscore "1" "IMAGE"; }
            if body :text :contains "" { addscore "1" "TEXT"; }
            """
        #expect(try fired(script, htmlOnly) == ["HTML", "TEXT"])
        #expect(try fired(script, plainAndHTML) == ["HTML", "PLAIN", "MULTI", "TEXT"])
    }

    /// `:raw :contains` with an ASCII key finds it next to bytes that are not UTF-8 (the body is then read as
    /// Windows-1252), in either case under `i;ascii-casemap`; a key with accents is still compared with the
    /// decoded body.
    @Test func rawContainsOnABodyThatIsNotUTF8() throws {
        var bytes = Array("From: a@x.example\nSubject: x\n\n".utf8)
        bytes += [0xE9] + Array("XJS*C4JDBQADN1".utf8) + [0xE9, 0x0A]
        let script = """
            require ["body", "vnd.mailsift.score"];
            if body :raw :contains "xjs*c4jdbqadn1" { addscore "1" "FOLDED"; }
            if body :raw :comparator "i;octet" :contains "xjs*c4jdbqadn1" { addscore "1" "OCTET_LOWER"; }
            if body :raw :comparator "i;octet" :contains "XJS*C4JDBQADN1" { addscore "1" "OCTET"; }
            if body :raw :contains "éXJS" { addscore "1" "ACCENT"; }
            if body :raw :contains "absent" { addscore "1" "ABSENT"; }
            """
        let compiled = SieveCompiler.compile(script)
        let program = try #require(compiled.script, "\(compiled.diagnostics)")
        let result = Interpreter.run(program, input: SieveInput(message: Message(bytes)))
        #expect(result.scoreHits.map(\.name) == ["FOLDED", "OCTET", "ACCENT"])
    }

    /// Scripts of a sequence share the message's decoded header fields, but a script that edited its header
    /// sees its own, and the next script the message's again.
    @Test func sharedHeaderValuesFollowEditheader() throws {
        let message = Message(Array("From: a@x.example\nSubject: Promo du jour\n\nbody\n".utf8))
        let sources = [
            """
            require ["editheader", "vnd.mailsift.score"];
            if header :contains "subject" "promo" { addscore "1" "FIRST_BEFORE"; }
            deleteheader "subject";
            addheader "Subject" "Autre chose";
            if header :contains "subject" "promo" { addscore "1" "FIRST_AFTER"; }
            if header :contains "subject" "autre" { addscore "1" "FIRST_OWN"; }
            """,
            """
            require ["vnd.mailsift.score"];
            if header :contains "subject" "promo" { addscore "1" "SECOND"; }
            if header :contains "subject" "autre" { addscore "1" "SECOND_EDITED"; }
            """,
        ]
        let scripts = try sources.map { source in
            let result = SieveCompiler.compile(source)
            return try #require(result.script, "\(result.diagnostics)")
        }
        let result = SieveSequence.run(scripts, input: SieveInput(message: message))
        #expect(result.outcome.scoreHits.map(\.name) == ["FIRST_BEFORE", "FIRST_OWN", "SECOND"])
    }

    /// The byte-by-byte folding of ASCII names gives what the folding by characters gives.
    @Test func lookalikeFoldingOfASCIINames() {
        var generator = XorShiftGenerator(state: 42)
        let alphabet = [
            "a", "r", "n", "v", "w", "m", "i", "I", "l", "0", "1", "3", "4", "5", "7", "-", "_", ".", "R", "N", "V",
        ]
        for _ in 0..<5000 {
            let name = generator.text(generator.below(16), from: alphabet)
            #expect(DomainLookalike.folded(name) == DomainLookalike.foldedByCharacters(name), "\(name)")
        }
        #expect(DomainLookalike.folded("AC-EXEMPLE.FR") == "acexemple.fr")
        #expect(DomainLookalike.folded("rnicrosoft-vvebmail.com") == "mlcrosoftwebmall.com")
    }

    /// Without local domains nothing looks like one; with them, the same answers as before.
    @Test func lookalikeWithAndWithoutLocalDomains() {
        #expect(!SiteSettings.default.isLookalike("ac-exemp1e.fr"))
        let site = SiteSettings(localDomains: ["ac-exemple.fr"])
        #expect(site.isLookalike("ac-exemp1e.fr"))
        #expect(site.isLookalike("AC-EXEMPLE.FR.verify-login.com"))
        #expect(!site.isLookalike("ac-exemple.fr"))
        #expect(!site.isLookalike("example.org"))
    }

    /// A matching `:regex` finds its groups (a second run over the value) only in a script that can read them:
    /// one whose strings, or an included script's, refer to `${0}`…`${9}`.
    @Test func matchGroupsAreFoundOnlyForScriptsThatReadThem() throws {
        let silent = try #require(
            SieveCompiler.compile(
                #"require ["regex", "variables", "vnd.mailsift.score"]; set "x" "${y}";"#
                    + #"if header :regex "subject" "^(re): (.*)$" { addscore "1" "REPLY"; }"#
            ).script)
        let reading = try #require(
            SieveCompiler.compile(
                #"require ["regex", "variables", "fileinto"];"#
                    + #"if header :regex "subject" "^(re): (.*)$" { fileinto "${2}"; }"#
            ).script)
        let library = IncludeResolver { _, _ in Array(#"require ["variables", "fileinto"]; fileinto "${1}";"#.utf8) }
        let including = try #require(
            SieveCompiler.compile(Array(#"require ["include"]; include "lib";"#.utf8), includes: library).script)
        #expect(!silent.readsMatchVariables)
        #expect(reading.readsMatchVariables)
        #expect(including.readsMatchVariables)
        let input = SieveInput(message: Message(Array("Subject: Re: Budget 2027\r\n\r\nx\r\n".utf8)))
        #expect(Interpreter.run(silent, input: input).scoreHits.map(\.name) == ["REPLY"])
        #expect(
            Interpreter.run(reading, input: input).actions == [
                .fileinto(mailbox: "Budget 2027", flags: [], copy: false, create: false)
            ])
    }

    /// Fields are found by name without case, through an index built once per message. A name with a byte that
    /// is not ASCII names no field, even one that lower-cases to ASCII (U+212A KELVIN SIGN to "k"), as when
    /// fields were compared byte by byte, and does not hide the field from the tests after it.
    @Test func fieldsAreFoundByNameWithoutCase() throws {
        let script = """
            require ["vnd.mailsift.score", "variables"];
            set "kelvin" "\u{212A}EYWORDS";
            if exists "${kelvin}" { addscore "1" "KELVIN_EXISTS"; }
            if header :contains "${kelvin}" "" { addscore "1" "KELVIN_HEADER"; }
            if exists "KEYWORDS" { addscore "1" "EXISTS"; }
            if header :is "Keywords" "budget" { addscore "1" "HEADER"; }
            if not exists ["keywords", "x-absent"] { addscore "1" "NOT_BOTH"; }
            """
        let message = "Subject: s\r\nkeywords: budget\r\n\r\nx\r\n"
        let hits = try fired(script, message)
        #expect(hits == ["EXISTS", "HEADER", "NOT_BOTH"], "\(hits)")
    }
}
