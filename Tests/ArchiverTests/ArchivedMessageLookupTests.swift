import Archive
import Crypto
import Foundation
import TestSupport
import Testing

/// `ArchiveStore.archivedMessage`: how a run recognises what an interrupted run archived.
struct ArchivedMessageLookupTests {
    @Test func aMessageIsFoundByItsServerPlaceAndContentOnly() throws {
        let folder = TemporaryFolder("archived-lookup")
        defer { folder.remove() }
        let store = try ArchiveStore(directory: folder.path + "/store", options: .init(compressionLevel: 3))
        let bytes = Array("From: a@example.org\r\nSubject: Bonjour\r\n\r\nBonjour\r\n".utf8)
        let sha = Array(SHA256.hash(data: bytes))
        let receipt = try #require(
            try store.archive([
                IncomingMessage(
                    bytes: bytes,
                    origin: ArchiveOrigin(account: "jeanne", folder: "INBOX", uid: 7, uidValidity: 1_700_000_000))
            ]).first)
        #expect(
            try store.archivedMessage(
                account: "jeanne", folder: "INBOX", uidValidity: 1_700_000_000, uid: 7, sha256: sha)
                == receipt.id)
        // Another UID, UIDVALIDITY, folder, account or content: not this message.
        #expect(
            try store.archivedMessage(
                account: "jeanne", folder: "INBOX", uidValidity: 1_700_000_000, uid: 8, sha256: sha) == nil)
        #expect(
            try store.archivedMessage(account: "jeanne", folder: "INBOX", uidValidity: 1, uid: 7, sha256: sha) == nil)
        #expect(
            try store.archivedMessage(
                account: "jeanne", folder: "Sent", uidValidity: 1_700_000_000, uid: 7, sha256: sha) == nil)
        #expect(
            try store.archivedMessage(account: "paul", folder: "INBOX", uidValidity: 1_700_000_000, uid: 7, sha256: sha)
                == nil)
        let other = Array(SHA256.hash(data: Array("autre".utf8)))
        #expect(
            try store.archivedMessage(
                account: "jeanne", folder: "INBOX", uidValidity: 1_700_000_000, uid: 7, sha256: other) == nil)
    }
}
