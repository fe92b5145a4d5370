import Foundation
import IMAPClient
import IMAPCore
import TestSupport
import Testing

/// Every command the daemon uses, against each real server there is: the test Dovecot (scripts/test.sh starts
/// it), and Cyrus IMAP when scripts/interop-cyrus.sh runs these tests.
@Suite(.enabled(if: TestServer.dovecotAvailable, "needs the test Dovecot: run scripts/test.sh"))
struct ServerCommandTests {
    private func fetched(_ completion: CommandCompletion) -> [[FetchAttribute]] {
        completion.untagged.compactMap { if case .fetch(_, let attributes) = $0 { attributes } else { nil } }
    }

    private func body(_ attributes: [FetchAttribute], section match: (String) -> Bool) -> [UInt8]? {
        for case .body(let section, _, let data) in attributes where match(section) { return data }
        return nil
    }

    private func flags(_ attributes: [FetchAttribute]) -> [String] {
        for case .flags(let flags) in attributes { return flags }
        return []
    }

    private static func instant(_ imapDate: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "d-MMM-yyyy HH:mm:ss Z"
        return formatter.date(from: imapDate.trimmingCharacters(in: .whitespaces))
    }

    @Test(arguments: TestServer.all, [IMAPClientConfiguration.Security.plaintext, .tls, .startTLS])
    func logsInOverEachKindOfConnectionAndRefusesAnUntrustedCertificate(
        server: TestServer, security: IMAPClientConfiguration.Security
    ) async throws {
        let (connection, _) = try await server.session(security: security)
        if security == .startTLS { #expect(!connection.hasCapability("STARTTLS")) }
        #expect(connection.hasCapability("IDLE") && connection.hasCapability("UIDPLUS"))
        await connection.logout()
        guard security != .plaintext else { return }
        do {
            let untrusted = try await IMAPConnection.connect(server.configuration(security, trustCA: false))
            await untrusted.close()
            Issue.record("connected to \(server.name) with a certificate nobody vouches for")
        } catch let error as IMAPClientError {
            #expect(error.isTLSFailure, "\(error)")
        }
    }

    @Test(arguments: TestServer.all) func appendWithFlagsAndDateThenFetchHeadersFieldsBodyAndEnvelope(
        server: TestServer
    ) async throws {
        let (connection, folder) = try await server.session()
        let bytes = TestServer.message(1, subject: "Réunion")
        let uids = try await connection.append(
            [
                AppendMessage(
                    flags: ["\\Flagged", "$Phishing"], internalDate: " 2-Sep-2025 08:30:00 +0200", bytes: bytes)
            ], to: folder)
        #expect(uids.count == 1)
        try await connection.execute(.examine(folder, condStore: false))
        let completion = try await connection.execute(
            .uidFetch(
                UIDSet(uids: uids),
                items: [
                    .uid, .flags, .internalDate, .rfc822Size, .envelope, .header, .headerFields(["Subject"]), .body,
                ],
                changedSince: nil))
        let attributes = try #require(fetched(completion).first)
        #expect(Set(flags(attributes)).isSuperset(of: ["\\Flagged", "$Phishing"]))
        // The same instant; Dovecot answers in its own time zone.
        let internalDate = attributes.lazy.compactMap {
            if case .internalDate(let date) = $0 { Self.instant(date) } else { nil }
        }.first
        #expect(internalDate == Self.instant(" 2-Sep-2025 08:30:00 +0200"))
        #expect(attributes.contains(.rfc822Size(UInt64(bytes.count))))
        #expect(body(attributes) { $0.isEmpty } == bytes)
        let headerEnd =
            try #require((0..<bytes.count - 3).first { Array(bytes[$0..<$0 + 4]) == Array("\r\n\r\n".utf8) }) + 4
        #expect(body(attributes) { $0 == "HEADER" } == Array(bytes[..<headerEnd]))
        #expect(body(attributes) { $0.hasPrefix("HEADER.FIELDS") } == Array("Subject: Réunion 1\r\n\r\n".utf8))
        let envelope = try #require(
            attributes.lazy.compactMap { if case .envelope(let e) = $0 { e } else { nil } }.first)
        #expect(envelope.from.first?.host == Array("ecoles.example.fr".utf8))
        await connection.logout()
    }

    @Test(arguments: TestServer.all) func multiAppendThenUIDSearchPlainAndExtended(server: TestServer) async throws {
        let (connection, folder) = try await server.session()
        #expect(connection.hasCapability("MULTIAPPEND") && connection.hasCapability("ESEARCH"))
        let uids = try await connection.append((1...3).map { AppendMessage(bytes: TestServer.message($0)) }, to: folder)
        #expect(uids.count == 3)
        try await connection.execute(.select(folder, condStore: false))
        let all = try await connection.execute(.uidSearch(.all, returnOptions: nil))
        #expect(all.untagged.contains { if case .search(let found, _) = $0 { found == uids } else { false } })
        let extended = try await connection.execute(
            .uidSearch(.header("Subject", "Note 2"), returnOptions: ["ALL", "COUNT"]))
        let result = try #require(
            extended.untagged.lazy.compactMap { if case .esearch(let r) = $0 { r } else { nil } }.first)
        #expect(result.count == 1 && result.isUID && result.all == UIDSet(uids: [uids[1]]))
        let unseen = try await connection.execute(
            .uidSearch(.and([.unseen, .not(.deleted), .since("1-Jan-2020")]), returnOptions: ["COUNT"]))
        #expect(unseen.untagged.contains { if case .esearch(let r) = $0 { r.count == 3 } else { false } })
        await connection.logout()
    }

    @Test(arguments: TestServer.all) func storeFlagsAndKeywordsAndRefuseAKeywordThatWouldChangeTheCommand(
        server: TestServer
    ) async throws {
        let (connection, folder) = try await server.session()
        let uids = try await connection.append((1...2).map { AppendMessage(bytes: TestServer.message($0)) }, to: folder)
        try await connection.execute(.select(folder, condStore: false))
        let set = UIDSet(uids: uids)
        let added = try await connection.execute(.uidStore(set, .add, flags: ["\\Seen", "$Junk"], silent: false))
        #expect(
            fetched(added).count == 2
                && fetched(added).allSatisfy { Set(flags($0)).isSuperset(of: ["\\Seen", "$Junk"]) })
        try await connection.execute(.uidStore(set, .remove, flags: ["$Junk"], silent: true))
        let after = try await connection.execute(.uidFetch(set, items: [.flags], changedSince: nil))
        #expect(fetched(after).allSatisfy { flags($0).contains("\\Seen") && !flags($0).contains("$Junk") })
        do {
            try await connection.execute(.uidStore(set, .add, flags: ["$Junk) UID EXPUNGE 1:*"], silent: true))
            Issue.record("a keyword with a parenthesis and spaces was sent")
        } catch let error as IMAPClientError {
            #expect(error.isInvalidArgument)
        }
        try await connection.execute(.noop)
        await connection.logout()
    }

    @Test(arguments: TestServer.all) func listWithSpecialUseAndStatusAndStatusWithSize(server: TestServer) async throws
    {
        let (connection, folder) = try await server.session()
        let bytes = [TestServer.message(1), TestServer.message(2)]
        try await connection.append(bytes.map { AppendMessage(bytes: $0) }, to: folder)
        let special = try await connection.execute(.list(pattern: MailboxName("*"), specialUse: true, status: []))
        let entries = special.untagged.compactMap { if case .list(let entry) = $0 { entry } else { nil } }
        #expect(entries.contains { $0.name == MailboxName("Junk") && $0.hasAttribute("\\Junk") })
        // LIST-STATUS on this test's folder only: a STATUS of every folder would open the folders other tests
        // are creating at that moment, and Dovecot's maildir then answers their CREATE "already exists".
        let list = try await connection.execute(
            .list(pattern: folder, specialUse: true, status: ["MESSAGES", "UIDNEXT"]))
        #expect(list.untagged.contains { if case .list(let entry) = $0 { entry.name == folder } else { false } })
        #expect(
            list.untagged.contains {
                if case .status(let name, let items) = $0 { name == folder && items["MESSAGES"] == 2 } else { false }
            })
        let status = try await connection.execute(
            .status(folder, items: ["MESSAGES", "UIDNEXT", "UIDVALIDITY", "UNSEEN", "SIZE", "HIGHESTMODSEQ"]))
        let items = try #require(
            status.untagged.lazy.compactMap { if case .status(_, let items) = $0 { items } else { nil } }.first)
        #expect(items["MESSAGES"] == 2 && items["UNSEEN"] == 2 && items["UIDNEXT"] == 3)
        #expect(items["SIZE"] == UInt64(bytes.map(\.count).reduce(0, +)))
        await connection.logout()
    }

    @Test(arguments: TestServer.all) func idNamespaceAndQuotaRoots(server: TestServer) async throws {
        let (connection, _) = try await server.session()
        let id = try await connection.execute(.id(["name": "mailsift", "version": "test"]))
        #expect(
            id.untagged.contains { if case .id(let fields) = $0 { fields?["name"]?.isEmpty == false } else { false } })
        let namespace = try await connection.execute(.namespace)
        #expect(
            namespace.untagged.contains {
                if case .namespace(let n) = $0 { n.personal.first?.delimiter == UInt8(ascii: "/") } else { false }
            })
        // GETQUOTAROOT answers with the roots and their QUOTA; that is what the daemon reads. GETQUOTA of a root
        // is allowed by Dovecot, refused to non-admins by Cyrus ("Permission denied").
        let roots = try await connection.execute(.getQuotaRoot(.inbox))
        let root = try #require(
            roots.untagged.lazy.compactMap { if case .quotaRoot(_, let roots) = $0 { roots.first } else { nil } }.first)
        #expect(
            roots.untagged.contains {
                if case .quota(_, let resources) = $0 { resources.contains { $0.name == "STORAGE" } } else { false }
            })
        if server.name == "Dovecot" {
            let quota = try await connection.execute(.getQuota(root))
            #expect(
                quota.untagged.contains {
                    if case .quota(_, let resources) = $0 { resources.contains { $0.name == "STORAGE" } } else { false }
                })
        }
        await connection.logout()
    }

    @Test(arguments: TestServer.all) func qresyncReportsWhatVanishedAndChangedSinceTheLastVisit(server: TestServer)
        async throws
    {
        let (connection, folder) = try await server.session()
        let enabled = try await connection.enable(["CONDSTORE", "QRESYNC"])
        #expect(enabled.contains("QRESYNC"))
        let uids = try await connection.append((1...3).map { AppendMessage(bytes: TestServer.message($0)) }, to: folder)
        let first = try await connection.execute(.select(folder, condStore: true))
        var uidValidity: UInt32 = 0
        var modSeq: UInt64 = 0
        for case .state(let state) in first.untagged {
            if case .uidValidity(let value) = state.code { uidValidity = value }
            if case .highestModSeq(let value) = state.code { modSeq = value }
        }
        #expect(uidValidity != 0 && modSeq != 0)
        try await connection.execute(.uidStore(UIDSet(uids: [uids[0]]), .add, flags: ["\\Seen"], silent: true))
        try await connection.execute(.uidStore(UIDSet(uids: [uids[1]]), .add, flags: ["\\Deleted"], silent: true))
        try await connection.execute(.uidExpunge(UIDSet(uids: [uids[1]])))
        try await connection.execute(.unselect)

        let again = try await connection.execute(
            .select(folder, condStore: false, qresync: QResyncParameters(uidValidity: uidValidity, modSeq: modSeq)))
        #expect(again.untagged.contains(.vanished(earlier: true, uids: UIDSet(uids: [uids[1]]))))
        let changed = fetched(again)
        #expect(
            changed.count == 1 && changed.first?.contains(.uid(uids[0])) == true && flags(changed[0]).contains("\\Seen")
        )
        await connection.logout()
    }

    @Test(arguments: TestServer.all) func aCompressedSessionCarriesLargeMessagesBothWays(server: TestServer)
        async throws
    {
        let (connection, folder) = try await server.session()
        try await connection.compress()
        let large = TestServer.message(
            1, body: String(repeating: "Ligne de texte assez longue pour remplir le message. ", count: 8_000))
        let uids = try await connection.append([AppendMessage(bytes: large)], to: folder)
        try await connection.execute(.examine(folder, condStore: false))
        let fetch = try await connection.execute(.uidFetch(UIDSet(uids: uids), items: [.body], changedSince: nil))
        #expect(fetched(fetch).first.flatMap { body($0) { $0.isEmpty } } == large)
        try await connection.execute(.capability)
        await connection.logout()
    }

    @Test(arguments: TestServer.all) func wholeMessagesComeInBatchesThatFitTheBudget(server: TestServer) async throws {
        let (connection, folder) = try await server.session()
        let sent = (1...5).map { TestServer.message($0, body: String(repeating: "x", count: 100_000)) }
        let uids = try await connection.append(sent.map { AppendMessage(bytes: $0) }, to: folder)
        try await connection.execute(.examine(folder, condStore: false))
        var received: [(UInt32, [UInt8])] = []
        let commands = try await connection.fetchMessages(UIDSet(uids: uids), budget: 250_000) {
            received.append(($0, $1))
        }
        #expect(commands == 3)  // two, two, one: 100 KB each under a 250 KB budget
        #expect(received.map(\.0) == uids)
        #expect(received.map(\.1) == sent)
        await connection.logout()
    }

    @Test(arguments: TestServer.all) func moveIsOneCommandWhereOffered(server: TestServer) async throws {
        let (connection, folder) = try await server.session()
        let target = MailboxName("\(folder.description)-dest")
        try await connection.execute(.create(target))
        let uids = try await connection.append((1...2).map { AppendMessage(bytes: TestServer.message($0)) }, to: folder)
        try await connection.execute(.select(folder, condStore: false))
        #expect(try await connection.moveMessages(UIDSet(uids: uids), to: target) == .moved)
        let arrived = try await connection.execute(.status(target, items: ["MESSAGES"]))
        #expect(
            arrived.untagged.contains { if case .status(_, let items) = $0 { items["MESSAGES"] == 2 } else { false } })
        await connection.logout()
    }

    /// The basic Dovecot on ::1: the same mailboxes, without MOVE (nor LITERAL+). A message someone else marked
    /// \Deleted stays.
    @Test func moveFallsBackWithoutMoveAndLeavesOthersDeletionsAlone() async throws {
        let server = TestServer.dovecot
        let user = server.newUser()
        let (connection, target) = try await server.session(user)
        let (old, source) = try await server.session(user, basic: true)
        #expect(!old.hasCapability("MOVE") && old.hasCapability("UIDPLUS") && !old.hasCapability("LITERAL+"))
        let moving = try await old.append((1...3).map { AppendMessage(bytes: TestServer.message($0)) }, to: source)
        let bystander = try await old.append(
            [AppendMessage(flags: ["\\Deleted"], bytes: TestServer.message(4))], to: source)
        try await old.execute(.select(source, condStore: false))
        #expect(try await old.moveMessages(UIDSet(uids: moving), to: target) == .copiedAndExpunged)
        let left = try await old.execute(.uidSearch(.all, returnOptions: nil))
        #expect(left.untagged.contains(.search(bystander, modSeq: nil)))
        let arrived = try await old.execute(.status(target, items: ["MESSAGES"]))
        #expect(
            arrived.untagged.contains { if case .status(_, let items) = $0 { items["MESSAGES"] == 3 } else { false } })
        await old.logout()
        await connection.logout()
    }
}
