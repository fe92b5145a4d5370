import Foundation
import IMAPClient
import IMAPCore
import TestSupport
import Testing

/// The typed calls the daemon files mail with, against the test Dovecot: select, fetch of parts, search,
/// store, copy and move with their COPYUID, create, status, quota. Each test has an account and a folder of its
/// own (`TestServer.session`).
@Suite(.enabled(if: TestServer.dovecotAvailable, "needs the test Dovecot: run scripts/test.sh"))
struct FilingCallsDovecotTests {
    private let server = TestServer.dovecot

    /// A session with `count` messages appended to its folder (the first one \Seen, with a fixed date).
    private func filled(_ count: Int, basic: Bool = false) async throws -> (IMAPConnection, MailboxName, [[UInt8]]) {
        let (connection, folder) = try await server.session(basic: basic)
        let messages = (1...count).map { TestServer.message($0) }
        for (index, bytes) in messages.enumerated() {
            try await connection.append(
                [
                    AppendMessage(
                        flags: index == 0 ? ["\\Seen"] : [], internalDate: "26-Nov-2026 18:15:28 +0100", bytes: bytes)
                ],
                to: folder)
        }
        return (connection, folder, messages)
    }

    @Test func selectAndExamineTellWhereTheMailboxStands() async throws {
        let (connection, folder, _) = try await filled(3)
        let selected = try await connection.select(folder, condStore: true)
        #expect(selected.exists == 3 && selected.uidNext == 4 && selected.uidValidity != 0)
        #expect(selected.highestModSeq != nil && !selected.readOnly)
        #expect(selected.permanentFlags.contains("\\Seen"))
        let examined = try await connection.examine(folder)
        #expect(examined.readOnly && examined.uidValidity == selected.uidValidity)
        // CONDSTORE, once enabled by the SELECT above, stays enabled for the session.
        #expect(examined.highestModSeq == selected.highestModSeq)
        let status = try await connection.status(.inbox)
        #expect(status.uidValidity != nil && status.messages != nil)
        let folderStatus = try await connection.status(folder)
        #expect(
            folderStatus.messages == 3 && folderStatus.uidNext == 4 && folderStatus.uidValidity == selected.uidValidity)
        #expect(folderStatus.highestModSeq == selected.highestModSeq)
        if connection.hasCapability("STATUS=SIZE") || connection.hasCapability("IMAP4rev2") {
            #expect((folderStatus.size ?? 0) > 0)
        }
        await connection.logout()
    }

    @Test func fetchBringsOnlyThePartAskedForWithSizeDateAndFlags() async throws {
        let (connection, folder, messages) = try await filled(3)
        try await connection.select(folder, condStore: true)
        var fields: [FetchedMessage] = []
        // UID 9 does not exist: it is not an error, and nothing is handed over for it.
        try await connection.fetch(UIDSet([1...3, 9...9]), parts: .headerFields(["From", "Subject"])) {
            fields.append($0)
        }
        #expect(fields.map(\.uid) == [1, 2, 3])
        let first = try #require(fields.first)
        let text = String(decoding: first.bytes ?? [], as: UTF8.self)
        #expect(text.contains("Subject: Note 1") && !text.contains("To:") && text.hasSuffix("\r\n\r\n"))
        #expect(first.part == .headerFields(["FROM", "SUBJECT"]))
        #expect(first.size == UInt64(messages[0].count), "the whole message's size, not the header's")
        // The same instant; Dovecot's maildir keeps it in UTC.
        #expect(first.internalDate?.secondsSince1970 == IMAPDateTime("26-Nov-2026 18:15:28 +0100")?.secondsSince1970)
        #expect(first.flags.contains("\\Seen") && !fields[1].flags.contains("\\Seen"))
        #expect(first.modSeq != nil)

        var headers: [FetchedMessage] = []
        try await connection.fetch(UIDSet([2...2]), parts: .header) { headers.append($0) }
        #expect(headers.count == 1 && headers[0].part == .header)
        #expect(String(decoding: headers[0].bytes ?? [], as: UTF8.self).contains("To: prof2@"))

        // A budget of one byte: each whole message in a command of its own.
        var whole: [FetchedMessage] = []
        let commands = try await connection.fetch(UIDSet([1...3]), parts: .whole, budget: 1) { whole.append($0) }
        #expect(commands == 3)
        #expect(whole.map(\.bytes) == messages.map { Optional($0) })
        #expect(whole.allSatisfy { $0.part == .whole })
        var fetched: [UInt32] = []
        try await connection.fetchMessages(UIDSet([2...UInt32.max])) { uid, _ in fetched.append(uid) }
        #expect(fetched == [2, 3], "2:* narrowed to the messages that exist")
        await connection.logout()
    }

    @Test(arguments: [false, true])
    func searchAndStoreFlags(basic: Bool) async throws {
        if basic && server.basicConfiguration == nil { return }
        let (connection, folder, _) = try await filled(4, basic: basic)
        #expect(connection.hasCapability("ESEARCH") == !basic)
        try await connection.select(folder)
        #expect(try await connection.searchUIDs(.all) == [1, 2, 3, 4])
        #expect(try await connection.searchUIDs(.unseen) == [2, 3, 4])
        #expect(try await connection.searchUIDs(.header("Subject", "Note 3")) == [3])
        try await connection.storeFlags(UIDSet([2...3]), .add, ["\\Flagged", "$Filed"])
        #expect(try await connection.searchUIDs(.flagged) == [2, 3])
        #expect(try await connection.searchUIDs(.keyword("$Filed")) == [2, 3])
        try await connection.storeFlags(UIDSet([3...3]), .remove, ["\\Flagged"])
        #expect(try await connection.searchUIDs(.flagged) == [2])
        var flags: [UInt32: [String]] = [:]
        try await connection.fetch(UIDSet([2...3]), parts: .headerFields(["Subject"])) { flags[$0.uid] = $0.flags }
        #expect(flags[3]?.contains("$Filed") == true && flags[3]?.contains("\\Flagged") == false)
        #expect(try await connection.searchUIDs(.header("Subject", "no such subject")) == [])
        await connection.logout()
    }

    @Test(arguments: [false, true])
    func copyAndMoveTellWhereEachMessageWent(basic: Bool) async throws {
        if basic && server.basicConfiguration == nil { return }
        let (connection, folder, messages) = try await filled(4, basic: basic)
        let destination = MailboxName("\(folder)-dest")
        #expect(try await connection.createMailbox(destination))
        #expect(try await connection.createMailbox(destination) == false, "an existing folder is not an error")
        let validity = try #require(try await connection.status(destination).uidValidity)
        try await connection.select(folder)

        let copied = try #require(try await connection.copyMessages(UIDSet([1...2]), to: destination))
        #expect(copied.uidValidity == validity)
        #expect(copied.pairs == [.init(source: 1, destination: 1), .init(source: 2, destination: 2)])

        let moved = try await connection.move(UIDSet([3...4]), to: destination)
        #expect(moved.outcome == (basic ? .copiedAndExpunged : .moved))
        #expect(moved.copied?.uidValidity == validity)
        #expect(moved.copied?.pairs == [.init(source: 3, destination: 3), .init(source: 4, destination: 4)])
        #expect(try await connection.searchUIDs(.all) == [1, 2])

        try await connection.select(destination)
        var bytes: [UInt32: [UInt8]] = [:]
        try await connection.fetchMessages(UIDSet([1...4])) { uid, message in bytes[uid] = message }
        #expect(bytes == [1: messages[0], 2: messages[1], 3: messages[2], 4: messages[3]])
        #expect(try await connection.listMailboxes().contains { $0.name == destination })
        await connection.logout()
    }

    @Test func quotaRootOfAnAccountWithAQuota() async throws {
        let connection = try await IMAPConnection.connect(server.configuration(.tls))
        try await connection.login(user: "carol", password: "carol-pass")
        let usages = try await connection.quotaRoot(for: .inbox)
        let storage = try #require(usages.first { $0.resource == "STORAGE" })
        #expect(storage.limit == 1024 && storage.limitBytes == 1 << 20)
        await connection.logout()
    }
}
