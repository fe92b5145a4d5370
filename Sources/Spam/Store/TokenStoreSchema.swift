import GRDB

/// The token store's tables. Migrations only add.
enum TokenStoreSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            // One row per token (its 64-bit hash): in how many trained spam and ham messages it appeared, and the
            // day (days since 1970) it was last seen in a trained message, for expiry.
            try db.execute(
                sql: """
                    CREATE TABLE token (
                        hash INTEGER PRIMARY KEY,
                        spam INTEGER NOT NULL,
                        ham INTEGER NOT NULL,
                        seen_day INTEGER NOT NULL
                    );
                    CREATE INDEX token_by_seen ON token (seen_day) WHERE spam + ham <= 1;
                    """)
            // How many messages of each class were trained.
            try db.execute(
                sql: """
                    CREATE TABLE corpus (
                        class TEXT PRIMARY KEY,
                        messages INTEGER NOT NULL
                    ) WITHOUT ROWID;
                    INSERT INTO corpus VALUES ('spam', 0), ('ham', 0);
                    """)
            // Every message learned and as what, so one is never learned twice and a changed mind unlearns
            // first. The tokenizer version says whether its tokens can still be recomputed to unlearn.
            try db.execute(
                sql: """
                    CREATE TABLE learned (
                        fingerprint BLOB PRIMARY KEY,
                        class TEXT NOT NULL,
                        tokenizer INTEGER NOT NULL,
                        learned_at INTEGER NOT NULL
                    ) WITHOUT ROWID;
                    """)
            try db.execute(
                sql: """
                    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
                    """)
        }
        return migrator
    }
}
