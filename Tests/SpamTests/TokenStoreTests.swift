import Foundation
import Spam
import TestSupport
import Testing

/// The token store on real SQLite: counts, never twice, a changed mind, the bounds.
@Suite struct TokenStoreTests {
    static func lesson(_ words: [String], _ spamClass: SpamClass, body: String? = nil) -> TokenStore.Lesson {
        let bytes = Array("Subject: test\n\n\(body ?? words.joined(separator: " "))\n".utf8)
        return TokenStore.Lesson(
            tokens: MessageTokenizer().tokens(of: bytes).hashes, fingerprint: MessageFingerprint(of: bytes),
            spamClass: spamClass)
    }

    @Test func learningCountsEachMessageOnce() throws {
        let folder = TemporaryFolder("tokens")
        defer { folder.remove() }
        let store = try TokenStore(path: folder.path + "/tokens.sqlite")
        let spam = Self.lesson(["motdepasse", "saturee"], .spam)
        #expect(try store.learn([spam]) == [.learned])
        #expect(try store.learn([spam]) == [.alreadyLearned])
        let table = try store.table()
        #expect(table.spamMessages == 1)
        #expect(table.hamMessages == 0)
        #expect(table[TokenHash(prefix: "", text: "motdepasse")] == TokenCounts(spam: 1, ham: 0))
        #expect(try store.learnedClass(of: spam.fingerprint) == .spam)
    }

    @Test func aChangedMindUnlearnsTheOtherClassFirst() throws {
        let folder = TemporaryFolder("tokens")
        defer { folder.remove() }
        let store = try TokenStore(path: folder.path + "/tokens.sqlite")
        let asSpam = Self.lesson(["newsletter", "bibliotheque"], .spam)
        try store.learn([asSpam])
        let asHam = TokenStore.Lesson(tokens: asSpam.tokens, fingerprint: asSpam.fingerprint, spamClass: .ham)
        #expect(try store.learn([asHam]) == [.relearned])
        let table = try store.table()
        #expect(table.spamMessages == 0)
        #expect(table.hamMessages == 1)
        #expect(table[TokenHash(prefix: "", text: "bibliotheque")] == TokenCounts(spam: 0, ham: 1))
        #expect(try store.learnedClass(of: asSpam.fingerprint) == .ham)
    }

    @Test func theSameMessageWithCRLFIsTheSameMessage() {
        let lf = Array("Subject: a\n\nbody\n".utf8)
        let crlf = Array("Subject: a\r\n\r\nbody\r\n".utf8)
        #expect(MessageFingerprint(of: lf) == MessageFingerprint(of: crlf))
        #expect(MessageFingerprint(of: lf) != MessageFingerprint(of: Array("Subject: b\n\nbody\n".utf8)))
    }

    @Test func rareStaleTokensExpireAndTheStoreStaysUnderItsBound() throws {
        let folder = TemporaryFolder("tokens")
        defer { folder.remove() }
        let limits = TokenStoreLimits(maxTokens: 100, rareTokenDays: 30, maxLearnedMessages: 5)
        let store = try TokenStore(path: folder.path + "/tokens.sqlite", limits: limits)
        // A token seen twice survives; one seen once, long ago, goes.
        try store.learn([Self.lesson(["ancien", "commun"], .ham, body: "ancien commun")], today: 1000)
        try store.learn([Self.lesson(["commun"], .ham, body: "commun encore")], today: 1001)
        try store.learn([Self.lesson(["recent"], .ham, body: "recent")], today: 1040)
        let table = try store.table()
        #expect(table[TokenHash(prefix: "", text: "ancien")] == nil)
        #expect(table[TokenHash(prefix: "", text: "commun")] == TokenCounts(spam: 0, ham: 2))
        #expect(table[TokenHash(prefix: "", text: "recent")] != nil)
        // 300 distinct words in one message: the store keeps at most its bound.
        let many = (0..<300).map { "mot\($0)" }
        try store.learn([Self.lesson(many, .spam)], today: 1040)
        #expect(try store.summary().tokens <= 100)
        for index in 0..<8 { try store.learn([Self.lesson(["m\(index)"], .ham)], today: 1040) }
        #expect(try store.learnedCount() <= 5)
    }

    @Test func anUnwritablePlaceIsAClearError() {
        #expect {
            _ = try TokenStore(path: "/proc/mailsift/tokens.sqlite")
        } throws: { error in
            "\(error)".contains("/proc/mailsift/tokens.sqlite")
        }
    }
}
