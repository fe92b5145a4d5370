import Archive
import Daemon
import Foundation

extension AccountArchiver {
    /// What status keeps of a run: `report` (nil when the run failed before it had one), `failure` in words,
    /// and the account's store as it stands after the run.
    public func record(
        _ report: AccountRunReport?, failure: String?, trigger: ArchiveRunRecord.Trigger, startedAt: Date,
        finishedAt: Date = Date()
    ) -> ArchiveRunRecord {
        var record = ArchiveRunRecord(
            account: account.name, startedAt: Int64(startedAt.timeIntervalSince1970),
            finishedAt: Int64(finishedAt.timeIntervalSince1970), trigger: trigger, outcome: failure ?? "ok")
        if let report {
            record.archived = report.archived
            record.expunged = report.expunged
            record.leftOnServer = report.leftOnServer
            record.withoutUIDPLUS = !report.hasUIDPLUS
            record.quotaBeforePercent = report.quotaBefore?.percent
            record.quotaAfterPercent = report.quotaAfter?.percent
        }
        if FileManager.default.fileExists(atPath: storeDirectory),
            let stats = try? ArchiveStore(directory: storeDirectory, mode: .readOnly).stats()
        {
            record.storeBytes = stats.bytesOnDisk
            record.storeMessages = Int64(stats.messages)
            record.storeRawBytes = stats.logicalBytes
        }
        return record
    }

    /// Keeps the run in the state store for status, and the quota it left for the daemon's quota check (which
    /// would otherwise see the use from before the run until the account's next login).
    public func keep(_ record: ArchiveRunRecord, quotaAfter: QuotaUse?, in store: StateStore) throws {
        try store.recordArchiveRun(record)
        if let quota = quotaAfter, quota.limitBytes > 0 {
            try store.recordQuota(
                account: account.name, resource: "STORAGE", usage: quota.usedBytes / 1024,
                limit: quota.limitBytes / 1024)
        }
    }
}
