import Foundation
import GRDB

/// What the running daemon writes for `mailsift status`, and what status reads back.
extension StateStore {
    /// The daemon started (process `pid`).
    public func recordStart(pid: Int32) throws(DaemonError) {
        try write("recording the daemon's start") { db in
            try db.execute(
                sql: """
                    INSERT INTO daemon_run (id, pid, started_at, heartbeat_at, stopped_at) VALUES (1, ?, ?, ?, NULL)
                    ON CONFLICT (id) DO UPDATE SET pid = excluded.pid, started_at = excluded.started_at,
                        heartbeat_at = excluded.heartbeat_at, stopped_at = NULL
                    """, arguments: [Int64(pid), Self.now, Self.now])
            // States of the run before mean nothing now.
            try db.execute(sql: "DELETE FROM account_status")
        }
    }

    /// The daemon is alive (written every minute): a status that finds it stale says the daemon is gone.
    public func recordHeartbeat() throws(DaemonError) {
        try write("recording the daemon's heartbeat") { db in
            try db.execute(sql: "UPDATE daemon_run SET heartbeat_at = ? WHERE id = 1", arguments: [Self.now])
        }
    }

    public func recordStop() throws(DaemonError) {
        try write("recording the daemon's stop") { db in
            try db.execute(sql: "UPDATE daemon_run SET stopped_at = ? WHERE id = 1", arguments: [Self.now])
        }
    }

    public func recordAccountState(_ state: AccountState, account: String) throws(DaemonError) {
        var retry: Int64?
        if case .backingOff(let until, _) = state { retry = Int64(until.timeIntervalSince1970) }
        if case .refusedCredentials(let until, _) = state { retry = Int64(until.timeIntervalSince1970) }
        try write("recording the state of \(account)") { db in
            try db.execute(
                sql: """
                    INSERT INTO account_status (account, state, last_error, retry_at, updated_at) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (account) DO UPDATE SET state = excluded.state,
                        last_error = COALESCE(excluded.last_error, account_status.last_error),
                        retry_at = excluded.retry_at, updated_at = excluded.updated_at
                    """, arguments: [account, state.name, state.lastError, retry, Self.now])
        }
    }

    /// The rules loaded for an account ("" for the administrator's), and the errors of its broken files (none
    /// when all compiled).
    public func recordRules(account: String, scripts: Int, errors: [String]) throws(DaemonError) {
        try write("recording the rules of \(account)") { db in
            try db.execute(
                sql: """
                    INSERT INTO rule_status (account, scripts, errors, updated_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT (account) DO UPDATE SET scripts = excluded.scripts, errors = excluded.errors,
                        updated_at = excluded.updated_at
                    """, arguments: [account, scripts, errors.joined(separator: "\n"), Self.now])
        }
    }

    public func forgetAccount(_ account: String) throws(DaemonError) {
        try write("forgetting \(account)") { db in
            for table in ["account_status", "rule_status", "quota"] {
                try db.execute(sql: "DELETE FROM \(table) WHERE account = ?", arguments: [account])
            }
        }
    }

    /// Quota use as GETQUOTAROOT reported it (resource STORAGE in KiB, MESSAGE in messages).
    public func recordQuota(account: String, resource: String, usage: UInt64, limit: UInt64) throws(DaemonError) {
        try write("recording the quota of \(account)") { db in
            try db.execute(
                sql: """
                    INSERT INTO quota (account, resource, usage, quota_limit, updated_at) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (account, resource) DO UPDATE SET usage = excluded.usage,
                        quota_limit = excluded.quota_limit, updated_at = excluded.updated_at
                    """,
                arguments: [
                    account, resource, Int64(clamping: usage), Int64(clamping: limit), Self.now,
                ])
        }
    }
}
