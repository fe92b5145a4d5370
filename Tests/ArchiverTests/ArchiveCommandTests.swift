import Foundation
import TestSupport
import Testing

@testable import Archiver
@testable import Daemon

/// `mailsift archive plan` and `mailsift archive run` as a user runs them: the built binary, a configuration file.
@Suite(.enabled(if: TestServer.dovecotAvailable)) struct ArchiveCommandTests {
    @Test func planThenRunOnAServerWithoutUIDPLUSSayWhatMovesAndWhatIsLeft() async throws {
        let proxy = try CapabilityHidingProxy(toPort: TestServer.dovecot.plainPort)
        defer { proxy.stop() }
        let test = try await ArchiverTestAccount.make(archive: ArchiveSettings())
        for index in 0..<3 {
            try await test.append(ArchiverTestAccount.message("commande-\(index)"), to: test.prefix, daysAgo: 90)
        }
        try await test.append(ArchiverTestAccount.message("commande-recente"), to: test.prefix, daysAgo: 3)
        let configuration = try test.writeConfiguration(
            port: proxy.port, archiveTable: "older_than_days = 30\nfolders = [\"\(test.prefix)\"]")

        let (planStatus, plan) = try await test.mailsift(["archive", "plan", "--config", configuration])
        #expect(planStatus == 0, "\(plan)")
        #expect(plan.contains("\(test.user): 3 messages, "), "\(plan)")
        #expect(plan.contains("  \(test.prefix): 3 messages, "), "\(plan)")

        let (runStatus, run) = try await test.mailsift(["archive", "run", "--config", configuration])
        #expect(runStatus == 0, "\(run)")
        #expect(run.contains("\(test.user): 3 archived, 0 removed from the server"), "\(run)")
        #expect(run.contains("the server has no UIDPLUS: 3 messages archived but left on the server"), "\(run)")
        #expect(try await test.messages(in: test.prefix).count == 4)
        // The run is kept for status, with what was left on the server and why.
        let (_, status) = try await test.mailsift(["status", "--config", configuration])
        #expect(
            status.contains(
                "(command): ok, 3 archived, 0 deleted from the server; 3 archived but left on the server (the "
                    + "server has no UIDPLUS)"), "\(status)")

        let (_, unknown) = try await test.mailsift([
            "archive", "run", "--config", configuration, "--account", "personne",
        ])
        #expect(unknown.contains("no account named personne"), "\(unknown)")
        await test.finish()
    }
}
