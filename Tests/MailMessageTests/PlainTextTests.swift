import MailMessage
import TestSupport
import Testing

@Suite struct PlainTextTests {
    @Test func alternativePrefersPlainAndAttachmentsAreLeftOut() {
        let text = message(MIMETreeTests.nested).plainText()
        #expect(text.text == "plain version\ninner body")
        #expect(!text.isTruncated)
    }

    @Test func htmlOnlyMessageIsConverted() {
        let parsed = message(
            "Content-Type: text/html; charset=iso-8859-1\nContent-Transfer-Encoding: quoted-printable\n\n<p>Gagn=E9 !</p>"
        )
        #expect(parsed.plainText().text == "Gagné !")
    }

    @Test func alternativeWithoutPlainTakesTheLastVersion() {
        let parsed = message(
            "Content-Type: multipart/alternative; boundary=b\n\n--b\nContent-Type: text/enriched\n\nx\n--b\nContent-Type: text/html\n\n<i>rich</i>\n--b--\n"
        )
        #expect(parsed.plainText().text == "rich")
    }

    @Test func multipartWhoseBoundaryNeverOccursGivesItsBodyAsText() {
        // Spam seen in the SpamAssassin corpus: the delimiter lines differ from the declared boundary.
        let parsed = message(
            "Content-Type: multipart/alternative; boundary=\"=Multipart Boundary 1\"\n\n--= Multipart Boundary 1\nContent-Type: text/plain\n\nWIN A PRIZE\n"
        )
        #expect(parsed.root.children.isEmpty)
        #expect(parsed.plainText().text.contains("WIN A PRIZE"))
    }

    @Test func sampleMessageText() throws {
        let bytes = try #require(FileBytes.read(Repository.path("samples/bienvenue.eml")))
        let parsed = Message(bytes)
        #expect(parsed.subject == "Réunion de rentrée — jeudi 17 h")
        #expect(parsed.plainText().text.contains("La réunion de rentrée aura lieu jeudi à 17 h en salle B12."))
        #expect(parsed.attachments.first?.filename == "ordre du jour de la réunion.txt")
    }

    @Test func textIsCutAtTheLimitOnACharacterBoundary() {
        var limits = ParseLimits()
        limits.maxTextBytes = 5
        let text = message("Content-Type: text/plain; charset=utf-8\n\nééééé", limits: limits).plainText()
        #expect(text.isTruncated)
        #expect(text.text == "éé")
    }
}
