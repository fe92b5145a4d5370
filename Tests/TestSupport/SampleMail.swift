/// Messages written for the tests: French text with accents, CRLF and LF endings, `From ` lines in bodies.
public enum SampleMail {
    public static func message(_ number: Int, subject: String? = nil, body: String? = nil, crlf: Bool = false)
        -> [UInt8]
    {
        let text = """
            From: Service informatique <informatique\(number % 7)@ecoles.example.fr>
            To: Enseignant \(number) <prof\(number)@ecoles.example.fr>
            Subject: \(subject ?? "Rapport hebdomadaire n°\(number)")
            Date: Mon, \(1 + number % 28) Sep 2025 08:\(10 + number % 50):00 +0200
            Message-ID: <\(number).rapport@ecoles.example.fr>
            MIME-Version: 1.0
            Content-Type: text/plain; charset=utf-8
            Content-Transfer-Encoding: 8bit

            \(body ?? "Bonjour,\n\nVoici le rapport de la semaine \(number) : l'été est fini, la rentrée est là.\nFrom the desk of the IT team\n>From a quoted line\n\nCordialement,\nLe service")

            """
        let lines =
            crlf ? text.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\r\n") : text
        return Array(lines.utf8)
    }
}
