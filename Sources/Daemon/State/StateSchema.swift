import GRDB

/// The state store's tables. Migrations only add: a store written by an older daemon opens in a newer one.
enum StateSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            // Per account and folder: the UIDVALIDITY the UIDs belong to, and the highest UID whose actions the
            // server acknowledged (every UID up to it is done).
            try db.execute(
                sql: """
                    CREATE TABLE mailbox_state (
                        account TEXT NOT NULL,
                        folder TEXT NOT NULL,
                        uid_validity INTEGER NOT NULL,
                        last_uid INTEGER NOT NULL,
                        highest_modseq INTEGER,
                        rescan_through INTEGER NOT NULL DEFAULT 0,
                        rescan_since INTEGER NOT NULL DEFAULT 0,
                        updated_at INTEGER NOT NULL,
                        PRIMARY KEY (account, folder)
                    ) WITHOUT ROWID;
                    """)
            // The batch whose actions are under way, written before the first of them: at most one per folder.
            try db.execute(
                sql: """
                    CREATE TABLE pending_batch (
                        account TEXT NOT NULL,
                        folder TEXT NOT NULL,
                        uid_validity INTEGER NOT NULL,
                        started_at INTEGER NOT NULL,
                        plan BLOB NOT NULL,
                        PRIMARY KEY (account, folder)
                    ) WITHOUT ROWID;
                    """)
            try db.execute(
                sql: """
                    CREATE TABLE processing_log (
                        id INTEGER PRIMARY KEY,
                        time INTEGER NOT NULL,
                        account TEXT NOT NULL,
                        folder TEXT NOT NULL,
                        uid_validity INTEGER NOT NULL,
                        uid INTEGER NOT NULL,
                        message_id TEXT,
                        fingerprint TEXT NOT NULL,
                        actions TEXT NOT NULL,
                        rules TEXT NOT NULL
                    );
                    CREATE INDEX processing_log_by_time ON processing_log (time);
                    CREATE INDEX processing_log_by_fingerprint ON processing_log (account, folder, fingerprint);
                    """)
            // Messages the daemon itself put into a folder (copied or moved there): when that folder is watched
            // too, they are not filed again there — two folders whose rules copy to each other would otherwise
            // multiply mail without end.
            try db.execute(
                sql: """
                    CREATE TABLE delivered (
                        account TEXT NOT NULL,
                        folder TEXT NOT NULL,
                        fingerprint TEXT NOT NULL,
                        time INTEGER NOT NULL,
                        PRIMARY KEY (account, folder, fingerprint)
                    ) WITHOUT ROWID;
                    CREATE INDEX delivered_by_time ON delivered (time);
                    """)
            // What `mailsift status` reads while the daemon runs (another process): the daemon itself, each
            // account's state, the broken rule files, and the last quota seen.
            try db.execute(
                sql: """
                    CREATE TABLE daemon_run (
                        id INTEGER PRIMARY KEY CHECK (id = 1),
                        pid INTEGER NOT NULL,
                        started_at INTEGER NOT NULL,
                        heartbeat_at INTEGER NOT NULL,
                        stopped_at INTEGER
                    );
                    CREATE TABLE account_status (
                        account TEXT PRIMARY KEY,
                        state TEXT NOT NULL,
                        last_error TEXT,
                        retry_at INTEGER,
                        updated_at INTEGER NOT NULL
                    ) WITHOUT ROWID;
                    CREATE TABLE rule_status (
                        account TEXT NOT NULL,
                        scripts INTEGER NOT NULL,
                        errors TEXT NOT NULL,
                        updated_at INTEGER NOT NULL,
                        PRIMARY KEY (account)
                    ) WITHOUT ROWID;
                    CREATE TABLE quota (
                        account TEXT NOT NULL,
                        resource TEXT NOT NULL,
                        usage INTEGER NOT NULL,
                        quota_limit INTEGER NOT NULL,
                        updated_at INTEGER NOT NULL,
                        PRIMARY KEY (account, resource)
                    ) WITHOUT ROWID;
                    """)
        }
        // The last archive run of each account (the daemon's schedule or `mailsift archive run`): what status
        // shows, and where the schedule takes up after a restart.
        migrator.registerMigration("v2-archive-runs") { db in
            try db.execute(
                sql: """
                    CREATE TABLE archive_run (
                        account TEXT PRIMARY KEY,
                        started_at INTEGER NOT NULL,
                        finished_at INTEGER NOT NULL,
                        trigger TEXT NOT NULL,
                        outcome TEXT NOT NULL,
                        archived INTEGER NOT NULL,
                        expunged INTEGER NOT NULL,
                        left_on_server INTEGER NOT NULL,
                        without_uidplus INTEGER NOT NULL,
                        quota_before_percent REAL,
                        quota_after_percent REAL,
                        store_bytes INTEGER,
                        store_messages INTEGER,
                        store_raw_bytes INTEGER
                    ) WITHOUT ROWID;
                    """)
        }
        // COPY commands of the batch under way, noted just before each is sent: after a crash, recovery waits for
        // a copy the server may still be making for the dead run (`BatchRecovery`) instead of making a second.
        migrator.registerMigration("v3-copies-sent") { db in
            try db.execute(
                sql: """
                    CREATE TABLE copy_sent (
                        account TEXT NOT NULL,
                        folder TEXT NOT NULL,
                        mailbox TEXT NOT NULL,
                        uids TEXT NOT NULL,
                        sent_at_ms INTEGER NOT NULL
                    );
                    CREATE INDEX copy_sent_by_folder ON copy_sent (account, folder);
                    """)
        }
        return migrator
    }
}
