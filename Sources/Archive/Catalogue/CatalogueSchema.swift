import GRDB

/// The catalogue's tables, as GRDB migrations (new versions add migrations; none is ever edited).
///
/// - `blocks`: where each stored block is (segment, offset, length) and what it holds.
/// - `blobs`: one row per distinct message content (SHA-256 of the raw bytes), pointing into a block:
///   identical messages are stored once.
/// - `messages`: one row per archived message (its origin and the fields shown and filtered on), pointing
///   to its blob. Unique per account, folder and content, so importing the same mail again adds nothing.
/// - `message_text`: FTS5 over subject, sender, recipients and body text; contentless (the text is not
///   stored twice), rowid = `messages.id`; accents folded so that "ete" finds "été".
/// - `pending_blocks` (v2): blocks being written, recorded (committed) before their bytes go to a segment and
///   removed by the commit that records them. A complete block past a segment's catalogued end that is listed
///   here was never acknowledged and may be cut; one that is not means the catalogue is missing, emptied or
///   older than the segments, and the store refuses to write (see `ArchiveStore.checkTails`).
/// - `blocks.level` (v3): the Zstandard level a block's payload was compressed at; NULL for blocks written before
///   levels were recorded (at the then default, 19). `settle` recompresses blocks below the settled level.
/// - `text_pending` (v4): messages whose text is not in `message_text` yet. An archive run or an import stores
///   and catalogues mail first, with the text left for after (`ArchiveStore.indexPendingText`), so that the
///   full-text index does not set the pace of getting mail off the server; the row goes in the transaction that
///   indexes the text.
/// - `text_pending.unreadable` (v5): 1 for a message found unreadable when its text was to be indexed (a damaged
///   block). A run with a time limit (`settle`, a slice of the daemon's) takes the others first and does not read
///   these again: they no longer take its time at every start, before the messages it can index. A run without
///   a limit (the end of an import or an archive run: where a damaged message is repaired) tries them again.
enum CatalogueSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE blocks (
                        id INTEGER PRIMARY KEY,
                        segment INTEGER NOT NULL,
                        offset INTEGER NOT NULL,
                        stored_length INTEGER NOT NULL,
                        raw_length INTEGER NOT NULL,
                        message_count INTEGER NOT NULL,
                        UNIQUE (segment, offset)
                    );
                    CREATE TABLE blobs (
                        id INTEGER PRIMARY KEY,
                        sha256 BLOB NOT NULL UNIQUE,
                        block_id INTEGER NOT NULL REFERENCES blocks(id),
                        position INTEGER NOT NULL,
                        size INTEGER NOT NULL
                    );
                    CREATE INDEX blobs_by_block ON blobs(block_id);
                    CREATE TABLE messages (
                        id INTEGER PRIMARY KEY,
                        blob_id INTEGER NOT NULL REFERENCES blobs(id),
                        account TEXT NOT NULL,
                        folder TEXT NOT NULL,
                        uid INTEGER,
                        uid_validity INTEGER,
                        source TEXT,
                        message_id TEXT,
                        date INTEGER,
                        internal_date INTEGER,
                        sender TEXT NOT NULL,
                        recipients TEXT NOT NULL,
                        subject TEXT NOT NULL,
                        size INTEGER NOT NULL,
                        flags TEXT NOT NULL,
                        archived_at INTEGER NOT NULL,
                        UNIQUE (account, folder, blob_id)
                    );
                    CREATE INDEX messages_by_date ON messages(date);
                    CREATE INDEX messages_by_message_id ON messages(message_id);
                    CREATE INDEX messages_by_uid ON messages(account, folder, uid_validity, uid);
                    CREATE VIRTUAL TABLE message_text USING fts5(
                        subject, sender, recipients, body,
                        content = '', tokenize = 'unicode61 remove_diacritics 2'
                    );
                    """)
        }
        migrator.registerMigration("v2") { db in
            try db.execute(
                sql: """
                    CREATE TABLE pending_blocks (
                        segment INTEGER NOT NULL,
                        offset INTEGER NOT NULL,
                        stored_length INTEGER NOT NULL,
                        payload_crc INTEGER NOT NULL,
                        PRIMARY KEY (segment, offset, stored_length, payload_crc)
                    );
                    """)
        }
        migrator.registerMigration("v3") { db in
            try db.execute(sql: "ALTER TABLE blocks ADD COLUMN level INTEGER")
        }
        migrator.registerMigration("v4") { db in
            try db.execute(sql: "CREATE TABLE text_pending (id INTEGER PRIMARY KEY)")
        }
        migrator.registerMigration("v5") { db in
            try db.execute(
                sql: """
                    ALTER TABLE text_pending ADD COLUMN unreadable INTEGER NOT NULL DEFAULT 0;
                    CREATE INDEX text_pending_by_readability ON text_pending (unreadable, id);
                    """)
        }
        return migrator
    }
}
