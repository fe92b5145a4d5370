import Testing

@testable import Spam

/// What the tokenizer makes of a message, by the tokens' names (kept for explanations).
@Suite struct MessageTokenizerTests {
    private func names(_ text: String, limits: TokenizerLimits = .default) -> Set<String> {
        let tokens = MessageTokenizer(limits: limits).tokens(of: Array(text.utf8), keepNames: true)
        return Set(tokens.names?.values.map { $0 } ?? [])
    }

    private let frenchPhish = """
        From: "Service Informatique" <support@webmail-securite.example>
        To: jeanne@college-exemple.fr
        Subject: =?UTF-8?Q?Votre_bo=C3=AEte_mail_est_satur=C3=A9e?=
        Content-Type: text/plain; charset=utf-8

        Votre boîte est SATURÉE : confirmez l'identifiant et le mot de passe sur https://login.forms-secure.example/x?id=1
        """

    @Test func accentsAreFoldedAndCaseKept() {
        let tokens = names(frenchPhish)
        #expect(tokens.contains("subj:boite"))
        #expect(tokens.contains("subj:saturee"))
        #expect(tokens.contains("boite"))
        // Case is kept (capitals are a signal), accents folded in the same case.
        #expect(tokens.contains("SATUREE"))
        #expect(!tokens.contains("saturée"))
        // French elision splits at the apostrophe.
        #expect(tokens.contains("identifiant"))
        #expect(!tokens.contains("l'identifiant"))
    }

    @Test func headersCarryTheirPrefix() {
        let tokens = names(frenchPhish)
        #expect(tokens.contains("from:Service"))
        #expect(tokens.contains("from:webmail-securite.example"))
        #expect(tokens.contains("to:college-exemple.fr"))
        #expect(tokens.contains("hdr:subject"))
    }

    @Test func linksGiveTheirHostAndParentDomains() {
        let tokens = names(frenchPhish)
        #expect(tokens.contains("url:login.forms-secure.example"))
        #expect(tokens.contains("url:forms-secure.example"))
        #expect(!tokens.contains("url:example"))
    }

    @Test func htmlLinksCountEvenWhenTheTextHidesThem() {
        let html = """
            From: a@b.example
            Subject: hello
            Content-Type: text/html

            <p>Cliquez <a href="http://user@192.0.2.7:8080/login">ici</a> pour <b>valider</b></p>
            """
        let tokens = names(html)
        #expect(tokens.contains("url:192.0.2.7"))
        #expect(tokens.contains("Cliquez"))
        #expect(tokens.contains("valider"))
        #expect(tokens.contains("mime:text/html"))
    }

    @Test func attachmentsAreNamedByTypeAndExtension() {
        let message = """
            From: a@b.example
            Subject: facture
            Content-Type: multipart/mixed; boundary="b"

            --b
            Content-Type: text/plain

            voir la facture
            --b
            Content-Type: application/octet-stream; name="facture.PDF.exe"
            Content-Disposition: attachment; filename="facture.PDF.exe"

            TVqQAAMAAAAEAAAA
            --b--
            """
        let tokens = names(message)
        #expect(tokens.contains("mime:application/octet-stream"))
        #expect(tokens.contains("mime:file.exe"))
        #expect(tokens.contains("facture"))
    }

    @Test func aHostileMessageStaysWithinTheLimits() {
        // 200,000 distinct words and a 100 KB word: the token count and the text read are capped.
        var body = (0..<200_000).map { "w\($0)x" }.joined(separator: " ")
        body += " " + String(repeating: "a", count: 100_000)
        let message = "From: a@b.example\nSubject: many\n\n" + body
        let limits = TokenizerLimits(maxTokens: 500, maxTextBytes: 64 << 10)
        let tokens = MessageTokenizer(limits: limits).tokens(of: Array(message.utf8))
        #expect(tokens.hashes.count == 500)
        #expect(tokens.isTruncated)
        #expect(Set(tokens.hashes).count == tokens.hashes.count)
    }

    @Test func overLongWordsBecomeOneToken() {
        let message = "Subject: x\n\n" + String(repeating: "Q", count: 300) + " " + String(repeating: "Z", count: 90)
        let tokens = names(message)
        #expect(tokens.contains("meta:long-word"))
        #expect(!tokens.contains { $0.count > 60 })
    }

    @Test func invalidUTF8AndNULsNeverStopIt() {
        var bytes = Array("Subject: caf\u{E9}\n\nabc\u{0}def ".utf8)
        bytes += [0xFF, 0xC3, 0x28, 0xE2, 0x82]  // stray, invalid pair, truncated sequence
        bytes += Array(" bonjour".utf8)
        let tokens = MessageTokenizer().tokens(of: bytes, keepNames: true)
        #expect(tokens.names?.values.contains("bonjour") == true)
    }

    @Test func theSameWordGivesTheSameHashInEveryRun() {
        // The store names tokens by hash: it must not depend on the process (Swift's Hasher does). FNV-1a 64 of
        // "subj:boite", computed independently.
        #expect(TokenHash(prefix: "subj:", text: "boite").value == 0x434c_1767_4348_3fb2)
    }
}

@Suite struct TokenSetTests {
    @Test func itKeepsEachValueOnceThroughGrowthAndZero() {
        var set = TokenSet(capacity: 4)
        var reference = Set<UInt64>()
        var mismatches = 0
        for step in 0..<20_000 {
            // 7,000 distinct values, each met about three times; every fifth differs only in its high bits (the
            // same low bits, so they probe the same slots), and 0 is among them.
            let key = UInt64(step % 7000)
            let value = step % 5 == 0 ? key << 40 : key &* 0x9E37_79B9_7F4A_7C15
            let inserted = set.insert(value)
            if inserted != reference.insert(value).inserted { mismatches += 1 }
        }
        #expect(mismatches == 0)
        #expect(reference.contains(0))
        let zeroAgain = set.insert(0)
        #expect(!zeroAgain)
    }
}
