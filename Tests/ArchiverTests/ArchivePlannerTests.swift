import Foundation
import Testing

@testable import Archiver

/// The planner's and runner's pure parts.
struct ArchivePlannerTests {
    @Test func batchesHoldAtMostTheBudgetAndALargerMessageGoesAlone() {
        let messages = [3, 4, 10, 2, 2, 2].enumerated().map {
            PlannedMessage(uid: UInt32($0.offset + 1), size: UInt64($0.element), date: 0, reason: .age)
        }
        #expect(ArchiveRunner.batches(messages, budget: 8).map { $0.map(\.uid) } == [[1, 2], [3], [4, 5, 6]])
        #expect(ArchiveRunner.batches([], budget: 8).isEmpty)
    }

    @Test func folderLevelsUseSlashWhateverTheServerSeparator() {
        #expect(ArchivePlanner.levels(of: "INBOX.Projets.2025", delimiter: UInt8(ascii: ".")) == "INBOX/Projets/2025")
        #expect(ArchivePlanner.levels(of: "Projets/2025", delimiter: UInt8(ascii: "/")) == "Projets/2025")
        #expect(ArchivePlanner.levels(of: "a/b.c", delimiter: UInt8(ascii: ".")) == nil)
    }

    @Test func theDateHeaderIsReadFromAHeaderFieldsAnswer() {
        let header = Array("Date: Mon, 4 Mar 2019\r\n 09:00:00 +0100\r\n\r\n".utf8)
        #expect(ArchivePlanner.dateHeader(header) == 1_551_686_400)
        #expect(ArchivePlanner.dateHeader(Array("Date: hier\r\n\r\n".utf8)) == nil)
        #expect(ArchivePlanner.dateHeader(Array("\r\n".utf8)) == nil)
    }

    @Test func searchDaysAreWrittenAsIMAPWritesThem() {
        #expect(ArchivePlanner.imapDay(1_551_686_400) == "4-Mar-2019")
    }
}
