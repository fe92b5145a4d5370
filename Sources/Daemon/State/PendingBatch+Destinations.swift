import Foundation
import GRDB

extension StateStore {
    /// Whether a batch under way for `account` (in any folder) is putting the message with `fingerprint` into
    /// `folder`. Deliveries are recorded when a batch commits, just after its moves: in between, another
    /// connection watching `folder` may see the message arrive, and must still know it as the daemon's doing.
    public func isUnderWay(to folder: String, fingerprint: String, account: String) throws(DaemonError) -> Bool {
        let records = try read("reading the batches under way for \(account)") { db in
            try Data.fetchAll(db, sql: "SELECT plan FROM pending_batch WHERE account = ?", arguments: [account])
        }
        for record in records {
            guard let batch = try? PendingBatch(record: Array(record)) else { continue }
            for plan in batch.plans where plan.identity.fingerprint == fingerprint {
                let destinations = plan.copies.map(\.mailbox) + [plan.disposition.destination].compactMap { $0 }
                if destinations.contains(where: { PlanBuilder.isSameFolder($0, folder) }) { return true }
            }
        }
        return false
    }
}
