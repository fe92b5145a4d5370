import MailMessage
import Sieve
import Testing

/// The vendor extensions the rule packs need: vnd.mailsift.site (localdomain, lookalikedomain,
/// externalorigin) and vnd.mailsift.html (links, linkanomaly, htmlchars).
@Suite struct SiteExtensionsTests {
    static let site = SiteSettings(localDomains: ["ac-exemple.fr", "Education.example."])

    /// Whether `test` is true on `message` (the test wrapped in `if … { addscore … }`).
    private func holds(_ test: String, _ message: String, site: SiteSettings = site) throws -> Bool {
        let source = """
            require ["vnd.mailsift.score", "vnd.mailsift.site", "vnd.mailsift.html", "relational",
                     "comparator-i;ascii-numeric", "variables"];
            if \(test) { addscore "1" "HIT"; }
            """
        let compiled = SieveCompiler.compile(source)
        let script = try #require(compiled.script, "\(compiled.diagnostics)")
        let outcome = Interpreter.run(script, input: SieveInput(message: Message(Array(message.utf8)), site: site))
        #expect(outcome.runtimeError == nil)
        return !outcome.scoreHits.isEmpty
    }

    private func errors(_ source: String) -> [String] {
        SieveCompiler.compile(source).diagnostics.map(\.description)
    }

    let plain = "From: a@b.example\nSubject: x\n\nBonjour\n"

    @Test func theTestsNeedTheirCapability() {
        #expect(
            errors(#"if localdomain "a.fr" { stop; }"#) == [
                #"1:4: error: test 'localdomain' needs require "vnd.mailsift.site""#
            ])
        #expect(
            errors(#"if links :host "a.fr" { stop; }"#) == [
                #"1:4: error: test 'links' needs require "vnd.mailsift.html""#
            ])
    }

    @Test func argumentsAreCheckedWhenTheScriptCompiles() {
        #expect(
            errors("require \"vnd.mailsift.html\";\nif linkanomaly [\"ip\", \"frob\"] { stop; }") == [
                #"2:16: error: linkanomaly: "frob" is not a link anomaly (write a literal one of "ip", "mismatch", "lookalike", "userinfo")"#
            ])
        #expect(
            errors("require [\"vnd.mailsift.html\", \"relational\"];\nif htmlchars :value \"ge\" \"3\" { stop; }") == [
                "2:4: error: the htmlchars test needs :hidden or :visible"
            ])
        #expect(
            errors("require \"vnd.mailsift.html\";\nif links :host :url \"a\" { stop; }") == [
                "2:16: error: ':url' cannot be combined with ':host' in the links test"
            ])
        #expect(errors("require \"vnd.mailsift.site\";\nif externalorigin \"x\" { stop; }").count == 1)
    }

    @Test func localDomainsAndTheirSubdomains() throws {
        #expect(try holds(#"localdomain "Paul.Martin@AC-Exemple.fr""#, plain))
        #expect(try holds(#"localdomain "lycee-hugo.ac-exemple.fr""#, plain))
        #expect(try holds(#"localdomain ["x.example", "education.example"]"#, plain))
        #expect(try !holds(#"localdomain "ac-exemple.fr.login.example""#, plain))
        #expect(try !holds(#"localdomain "notac-exemple.fr""#, plain))
        #expect(try !holds(#"localdomain "ac-exemple.fr""#, plain, site: SiteSettings()))
    }

    @Test func lookalikeDomains() throws {
        for domain in [
            "ac-exemp1e.fr", "ac-exernple.fr", "ac-exempel.fr", "acexemple.fr", "ac-exemple-fr.com",
            "webmail.ac-exemple.fr.session.example", "secure-ac-exemple.com", "ac-ехеmple.fr",
        ] {
            #expect(try holds("lookalikedomain \"\(domain)\"", plain), "\(domain)")
        }
        for domain in ["ac-exemple.fr", "mail.ac-exemple.fr", "gmail.com", "ac-lille.fr", "exemple.com", ""] {
            #expect(try !holds("lookalikedomain \"\(domain)\"", plain), "\(domain)")
        }
    }

    static let mx =
        "Received: from mx1.ac-exemple.fr (mx1.ac-exemple.fr [10.0.0.2]) by imap.ac-exemple.fr with LMTP; Tue, 1 Dec 2026 09:00:00 +0100\n"

    @Test func externalOriginReadsTheSitesReceivedTrail() throws {
        let outside =
            Self.mx
            + "Received: from evil.example (evil.example [203.0.113.9]) by mx1.ac-exemple.fr with ESMTPS; Tue, 1 Dec 2026 09:00:00 +0100\n"
            + plain
        #expect(try holds("externalorigin", outside))
        #expect(try !holds("externalorigin", outside, site: SiteSettings()), "no local domain: no guess")
        let submitted =
            "Received: from [192.0.2.50] (unknown [192.0.2.50]) by smtp.ac-exemple.fr with ESMTPSA; Tue, 1 Dec 2026\n"
            + plain
        #expect(try !holds("externalorigin", submitted), "a signed-in user's own mail")
        let betweenLocalHosts =
            Self.mx
            + "Received: from app.ac-exemple.fr (app [10.0.0.9]) by smtp.ac-exemple.fr with ESMTP; Tue, 1 Dec 2026\n"
            + plain
        #expect(try !holds("externalorigin", betweenLocalHosts))
        let notOurs =
            "Received: from evil.example ([203.0.113.9]) by relay.other.example with ESMTP; Tue, 1 Dec 2026\n" + plain
        #expect(try !holds("externalorigin", notOurs), "a trail the site did not write proves nothing")
        #expect(try !holds("externalorigin", plain))
    }

    static let html = """
        From: a@b.example
        Content-Type: text/html; charset=utf-8

        <p>Voir <a href="http://track.example/r?a=1&amp;b=2">www.banque.fr</a>,
        <a href='https://www.banque.fr/compte'>www.banque.fr/compte</a>,
        <a href="http://3232235777/x">ici</a> et <a href="mailto:x@y.fr">nous écrire</a>.</p>
        <div style="display:none">mots cachés pour les filtres</div>
        <span style="font-size: 1px">minuscule</span>

        """

    @Test func linksAreComparedByHostTextHostAndURL() throws {
        #expect(try holds(#"links :host :is "track.example""#, Self.html))
        #expect(try holds(#"links :url :is "http://track.example/r?a=1&b=2""#, Self.html))
        #expect(try holds(#"links :texthost :is "www.banque.fr""#, Self.html))
        #expect(try holds(#"links :url :count "eq" :comparator "i;ascii-numeric" "4""#, Self.html))
        #expect(try holds(#"links :count "eq" :comparator "i;ascii-numeric" "3""#, Self.html), "mailto has no host")
        #expect(try holds(#"links :host :is "bit.ly""#, "From: a@b.example\n\nVoir https://bit.ly/abc.\n"))
        #expect(try !holds(#"links :host :contains "" "#, plain))
    }

    /// Links written in plain text: "http://", "https://" and "www." in either case, at the start of the text,
    /// after a space or a "<", and not inside a word ("xhttp://…") or a prefix cut short at the end.
    @Test func linksInPlainText() throws {
        let text = "From: a@b.example\n\nHTTPS://Bit.ly/A <http://x.example/b> WWW.ac-lyon.fr xhttp://no.example http:/"
        for url in ["HTTPS://Bit.ly/A", "http://x.example/b", "WWW.ac-lyon.fr"] {
            #expect(try holds(#"links :url :is "\#(url)""#, text), "\(url)")
        }
        #expect(try holds(#"links :count "eq" :comparator "i;ascii-numeric" "3""#, text))
        #expect(try holds(#"links :url :is "http://x.example/b""#, "From: a@b.example\n\nhttp://x.example/b"))
        #expect(try !holds(#"links :url :contains "no.example""#, text))
    }

    /// URLs are found from their prefixes' separators: one inside another URL is not found again, nor "www." after
    /// a word or a "("; only a real ":" and "/" make a prefix (control bytes that differ from them by case are not).
    @Test func linksInPlainTextFoundFromTheirSeparators() throws {
        let text =
            "From: a@b.example\n\nhttp://www.a.example/x, wwww.no.example, (www.no.example) <www.b.example> https:// "
            + "www.c.example"
        let found = ["http://www.a.example/x,", "www.b.example", "https://", "www.c.example"]
        for url in found { #expect(try holds(#"links :url :is "\#(url)""#, text), "\(url)") }
        #expect(try holds(#"links :url :count "eq" :comparator "i;ascii-numeric" "4""#, text))
        let controls = "From: a@b.example\n\nhttp\u{1A}\u{0F}\u{0F}x"
        #expect(try !holds(#"links :url :count "gt" :comparator "i;ascii-numeric" "0""#, controls))
    }

    @Test func linkAnomalies() throws {
        #expect(try holds(#"linkanomaly "mismatch""#, Self.html))
        #expect(try holds(#"linkanomaly "ip""#, Self.html), "an IPv4 address written as one number")
        #expect(try !holds(#"linkanomaly ["userinfo", "lookalike"]"#, Self.html))
        #expect(try holds(#"linkanomaly "userinfo""#, "From: a@b.example\n\nhttp://www.banque.fr@evil.example/\n"))
        #expect(try holds(#"linkanomaly "lookalike""#, "From: a@b.example\n\nhttps://webmail.ac-exernple.fr/login\n"))
        #expect(try !holds(#"linkanomaly "lookalike""#, "From: a@b.example\n\nhttps://webmail.ac-exemple.fr/login\n"))
        #expect(try holds(#"linkanomaly "ip""#, "From: a@b.example\n\nhttp://198.51.100.7/promo\n"))
        let sameSite =
            "From: a@b.example\nContent-Type: text/html\n\n<a href=\"https://news.banque.fr/x\">www.banque.fr</a>\n"
        #expect(try !holds(#"linkanomaly "mismatch""#, sameSite), "the same registrable domain")
    }

    @Test func hiddenAndVisibleHTMLText() throws {
        // "mots cachés pour les filtres" (24 characters besides spaces) + "minuscule" (9).
        #expect(try holds(#"htmlchars :hidden :value "eq" :comparator "i;ascii-numeric" "33""#, Self.html))
        #expect(try holds(#"htmlchars :visible :value "gt" :comparator "i;ascii-numeric" "20""#, Self.html))
        #expect(try !holds(#"htmlchars :hidden :value "ge" :comparator "i;ascii-numeric" "0""#, plain), "no HTML part")
    }
}
