import Foundation
import GRDB

/// What `mailsift status` shows, read from the state store while the daemon runs (or after it stopped).
public struct StatusReport: Codable, Sendable, Hashable {
    public struct Quota: Codable, Sendable, Hashable {
        /// STORAGE (in KiB, as IMAP counts it) or MESSAGE.
        public var resource: String
        public var usage: UInt64
        public var limit: UInt64
        public var percent: Double
    }

    public struct Account: Codable, Sendable, Hashable {
        public var name: String
        /// connecting, synchronizing, watching, backing off, refused credentials, stopped; "unknown" before the
        /// daemon reported on it.
        public var state: String
        public var lastError: String?
        /// When a backing-off account tries again (seconds since 1970).
        public var retryAt: Int64?
        public var rules: Int
        /// The broken rule files, `file:line:col: error: …`: the last good rules run meanwhile.
        public var ruleErrors: [String]
        public var filedLastHour: Int
        public var filedLastDay: Int
        public var quota: [Quota]
        /// The account's last archive run, if it had one.
        public var archive: ArchiveRunRecord?
    }

    /// Whether a daemon is running now (its process exists and wrote a heartbeat in the last three minutes).
    public var running: Bool
    public var pid: Int32?
    /// Seconds since 1970.
    public var upSince: Int64?
    public var administratorRuleErrors: [String]
    public var accounts: [Account]
    public var filedLastHour: Int
    public var filedLastDay: Int

    /// Reads the report; `accounts`: the configured account names, in the configuration's order (those the store
    /// knows nothing of yet show as "unknown").
    public static func read(
        from store: StateStore, accounts: [String], now: Int64 = Int64(Date().timeIntervalSince1970)
    ) throws(DaemonError)
        -> StatusReport
    {
        try store.read("reading the status") { db in
            let run = try Row.fetchOne(db, sql: "SELECT pid, started_at, heartbeat_at, stopped_at FROM daemon_run")
            var running = false
            var pid: Int32?
            var upSince: Int64?
            if let run {
                pid = Int32(truncatingIfNeeded: run[0] as Int64)
                let heartbeat: Int64 = run[2]
                let stopped: Int64? = run[3]
                running = stopped == nil && now - heartbeat < 180 && pid.map(processExists) == true
                if running { upSince = run[1] }
            }
            func count(_ since: Int64, _ account: String?) throws -> Int {
                if let account {
                    return try Int.fetchOne(
                        db, sql: "SELECT COUNT(*) FROM processing_log WHERE time >= ? AND account = ?",
                        arguments: [since, account]) ?? 0
                }
                return try Int.fetchOne(
                    db, sql: "SELECT COUNT(*) FROM processing_log WHERE time >= ?", arguments: [since]) ?? 0
            }
            func ruleRow(_ account: String) throws -> (Int, [String]) {
                guard
                    let row = try Row.fetchOne(
                        db, sql: "SELECT scripts, errors FROM rule_status WHERE account = ?", arguments: [account])
                else { return (0, []) }
                let errors: String = row[1]
                return (row[0], errors.isEmpty ? [] : errors.components(separatedBy: "\n"))
            }
            var list: [Account] = []
            for name in accounts {
                let status = try Row.fetchOne(
                    db, sql: "SELECT state, last_error, retry_at FROM account_status WHERE account = ?",
                    arguments: [name])
                let (rules, ruleErrors) = try ruleRow(name)
                let quota = try Row.fetchAll(
                    db, sql: "SELECT resource, usage, quota_limit FROM quota WHERE account = ? ORDER BY resource",
                    arguments: [name]
                ).map { row -> Quota in
                    let usage = UInt64(max(0, row[1] as Int64))
                    let limit = UInt64(max(0, row[2] as Int64))
                    return Quota(
                        resource: row[0], usage: usage, limit: limit,
                        percent: limit == 0 ? 0 : (Double(usage) / Double(limit) * 1000).rounded() / 10)
                }
                list.append(
                    Account(
                        name: name, state: running ? (status?[0] as String?) ?? "unknown" : "not running",
                        lastError: status?[1], retryAt: running ? status?[2] : nil, rules: rules,
                        ruleErrors: ruleErrors, filedLastHour: try count(now - 3600, name),
                        filedLastDay: try count(now - 86_400, name), quota: quota,
                        archive: try Row.fetchOne(
                            db, sql: "SELECT * FROM archive_run WHERE account = ?", arguments: [name]
                        ).map(StateStore.archiveRun)))
            }
            return StatusReport(
                running: running, pid: running ? pid : nil, upSince: upSince,
                administratorRuleErrors: try ruleRow("").1, accounts: list,
                filedLastHour: try count(now - 3600, nil), filedLastDay: try count(now - 86_400, nil))
        }
    }

    private static func processExists(_ pid: Int32) -> Bool {
        pid > 0 && (kill(pid, 0) == 0 || errno == EPERM)
    }
}
