import Archive
import Foundation

/// A fresh folder under the system's temporary folder, removed by `remove()`.
struct TemporaryFolder {
    let path: String

    init() {
        path = NSTemporaryDirectory() + "mailsift-archive-test-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }

    func write(_ relative: String, _ bytes: [UInt8]) {
        let full = path + "/" + relative
        try! FileManager.default.createDirectory(
            atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: full, contents: Data(bytes))
    }
}

/// Messages written for these tests: French text with accents, CRLF and LF endings, `From ` lines in bodies.
enum SampleMail {
    static func message(_ number: Int, subject: String? = nil, body: String? = nil, crlf: Bool = false) -> [UInt8] {
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
        return Array((crlf ? text.replacingOccurrences(of: "\n", with: "\r\n") : text).utf8)
    }

    static func incoming(_ number: Int, folder: String = "INBOX") -> IncomingMessage {
        IncomingMessage(
            bytes: message(number), origin: ArchiveOrigin(account: "prof", folder: folder, uid: UInt32(number)))
    }
}

/// The shared corpus of real mail (`../shared/corpus` or `$MAILSIFT_CORPUS`), read in place.
enum Corpus {
    static var spamassassin: String? {
        let projectRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let root =
            ProcessInfo.processInfo.environment["MAILSIFT_CORPUS"]
            ?? projectRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus").path
        let path = root + "/spamassassin"
        return FileManager.default.fileExists(atPath: path + "/spam") ? path : nil
    }
}

/// gzip -9 of some bytes, by the real gzip (what archivemail and users make).
enum Gzip {
    static func compress(_ bytes: [UInt8]) throws -> [UInt8] {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        folder.write("x", bytes)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-9", folder.path + "/x"]
        try process.run()
        process.waitUntilExit()
        return [UInt8](FileManager.default.contents(atPath: folder.path + "/x.gz")!)
    }
}
