import GRDB

extension SQLiteStore {
    /// The schema, in one place. A migration that has shipped is never edited: changes come as new
    /// migrations appended here. Times are UTC text `yyyy-MM-dd HH:mm:ss.SSS` (GRDB's encoding of `Date`),
    /// which sorts and compares as time. `docs/store.md` describes every table.
    static let migrator: DatabaseMigrator = {
        var migrator = DatabaseMigrator()
        migrator.registerMigration(
            "v1 ledger, files, contents, events, outbox, attempts, acks, control numbers, audit"
        ) { db in
            try db.execute(
                sql: """
                    CREATE TABLE file (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        source TEXT NOT NULL,
                        partner TEXT,
                        name TEXT NOT NULL,
                        sha256 TEXT NOT NULL,
                        size INTEGER NOT NULL,
                        format TEXT NOT NULL,
                        outcome TEXT NOT NULL,
                        note TEXT,
                        received_at TEXT NOT NULL,
                        transactions_accepted INTEGER NOT NULL,
                        transactions_rejected INTEGER NOT NULL,
                        event_count INTEGER NOT NULL
                    );
                    CREATE INDEX file_by_received ON file(received_at, id);
                    CREATE INDEX file_by_partner ON file(partner, received_at);

                    CREATE TABLE ledger (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        source TEXT NOT NULL,
                        path TEXT NOT NULL,
                        size INTEGER NOT NULL,
                        modified INTEGER NOT NULL,
                        state TEXT NOT NULL CHECK (state IN ('claimed', 'fetched', 'done')),
                        holder TEXT,
                        held_until TEXT,
                        sha256 TEXT,
                        spooled_as TEXT,
                        claimed_at TEXT NOT NULL,
                        fetched_at TEXT,
                        completed_at TEXT,
                        ingested_file_id INTEGER REFERENCES file(id),
                        ingested_at TEXT,
                        UNIQUE (source, path, size, modified)
                    );
                    CREATE INDEX ledger_not_ingested ON ledger(ingested_file_id, fetched_at);

                    CREATE TABLE interchange (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        file_id INTEGER NOT NULL REFERENCES file(id),
                        sender_qualifier TEXT NOT NULL,
                        sender TEXT NOT NULL,
                        receiver_qualifier TEXT NOT NULL,
                        receiver TEXT NOT NULL,
                        sender_key TEXT NOT NULL,
                        receiver_key TEXT NOT NULL,
                        control_number TEXT NOT NULL,
                        version TEXT NOT NULL,
                        byte_offset INTEGER NOT NULL,
                        verdict TEXT NOT NULL,
                        note TEXT,
                        received_at TEXT NOT NULL
                    );
                    CREATE INDEX interchange_by_file ON interchange(file_id);
                    CREATE INDEX interchange_duplicates ON interchange(sender_key, receiver_key, control_number, received_at);

                    CREATE TABLE functional_group (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        file_id INTEGER NOT NULL REFERENCES file(id),
                        interchange_control_number TEXT NOT NULL,
                        functional_id TEXT NOT NULL,
                        application_sender TEXT,
                        application_receiver TEXT,
                        control_number TEXT NOT NULL,
                        version TEXT NOT NULL,
                        byte_offset INTEGER NOT NULL,
                        verdict TEXT NOT NULL,
                        received_at TEXT NOT NULL
                    );
                    CREATE INDEX functional_group_by_file ON functional_group(file_id);
                    CREATE INDEX functional_group_duplicates
                        ON functional_group(application_sender, application_receiver, control_number, received_at);

                    CREATE TABLE transaction_set (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        file_id INTEGER NOT NULL REFERENCES file(id),
                        group_id INTEGER REFERENCES functional_group(id),
                        position INTEGER NOT NULL,
                        interchange_control_number TEXT,
                        group_control_number TEXT,
                        control_number TEXT,
                        transaction_set TEXT,
                        version TEXT,
                        byte_offset INTEGER NOT NULL,
                        byte_length INTEGER NOT NULL,
                        verdict TEXT NOT NULL,
                        findings TEXT NOT NULL
                    );
                    CREATE INDEX transaction_set_by_file ON transaction_set(file_id, position);
                    CREATE INDEX transaction_set_duplicates ON transaction_set(group_id, control_number);

                    CREATE TABLE event (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        event_id TEXT NOT NULL,
                        file_id INTEGER NOT NULL REFERENCES file(id),
                        transaction_position INTEGER NOT NULL,
                        type TEXT NOT NULL,
                        subject TEXT,
                        time TEXT,
                        json BLOB NOT NULL
                    );
                    CREATE INDEX event_by_event_id ON event(event_id);
                    CREATE INDEX event_by_file ON event(file_id);

                    CREATE TABLE outbox (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        event_row_id INTEGER NOT NULL REFERENCES event(id),
                        event_id TEXT NOT NULL,
                        event_type TEXT NOT NULL,
                        subject TEXT,
                        destination TEXT NOT NULL,
                        state TEXT NOT NULL CHECK (state IN ('pending', 'retrying', 'delivered', 'dead')),
                        attempts INTEGER NOT NULL DEFAULT 0,
                        next_attempt_at TEXT NOT NULL,
                        leased_by TEXT,
                        lease_until TEXT,
                        last_status INTEGER,
                        last_error TEXT,
                        response_body TEXT,
                        created_at TEXT NOT NULL,
                        updated_at TEXT NOT NULL
                    );
                    CREATE INDEX outbox_due ON outbox(destination, state, next_attempt_at);
                    CREATE INDEX outbox_by_subject ON outbox(destination, subject, id);
                    CREATE INDEX outbox_by_event ON outbox(event_row_id);
                    CREATE INDEX outbox_by_event_id ON outbox(event_id);

                    CREATE TABLE attempt (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        outbox_id INTEGER NOT NULL REFERENCES outbox(id),
                        event_id TEXT NOT NULL,
                        destination TEXT NOT NULL,
                        result TEXT NOT NULL CHECK (result IN ('delivered', 'retry', 'deadLetter')),
                        status INTEGER,
                        latency REAL NOT NULL,
                        error TEXT,
                        response_body TEXT,
                        attempted_at TEXT NOT NULL,
                        next_attempt_at TEXT
                    );
                    CREATE INDEX attempt_by_outbox ON attempt(outbox_id, id);
                    CREATE INDEX attempt_failures ON attempt(result, attempted_at);

                    CREATE TABLE ack (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        file_id INTEGER REFERENCES file(id),
                        partner TEXT NOT NULL,
                        kind TEXT NOT NULL,
                        answers_interchange TEXT NOT NULL,
                        control_number TEXT NOT NULL,
                        code TEXT NOT NULL,
                        target TEXT NOT NULL,
                        file_name TEXT NOT NULL,
                        bytes BLOB NOT NULL,
                        created_at TEXT NOT NULL,
                        sent_at TEXT,
                        written_as TEXT
                    );
                    CREATE INDEX ack_pending ON ack(sent_at, id);
                    CREATE INDEX ack_by_file ON ack(file_id);

                    CREATE TABLE control_number (
                        kind TEXT NOT NULL,
                        sender TEXT NOT NULL,
                        receiver TEXT NOT NULL,
                        last_value INTEGER NOT NULL,
                        PRIMARY KEY (kind, sender, receiver)
                    );

                    CREATE TABLE audit (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        at TEXT NOT NULL,
                        actor TEXT NOT NULL,
                        action TEXT NOT NULL,
                        target TEXT NOT NULL,
                        detail TEXT
                    );
                    """)
        }
        // The ordered lease probes earlier rows of a subject: indexes over the waiting rows only keep that
        // cheap however many delivered rows pile up (v1's indexes made it scan every earlier row).
        migrator.registerMigration("v2 outbox indexes over waiting rows") { db in
            try db.execute(
                sql: """
                    DROP INDEX outbox_due;
                    DROP INDEX outbox_by_subject;
                    CREATE INDEX outbox_waiting ON outbox(destination, id) WHERE state IN ('pending', 'retrying');
                    CREATE INDEX outbox_waiting_by_subject ON outbox(destination, subject, id)
                        WHERE state IN ('pending', 'retrying');
                    CREATE INDEX outbox_by_state ON outbox(state, updated_at);
                    """)
        }
        // Dead letters are the only rows read by state and time (listed newest first, replayed by
        // destination). v2's index over every row's state and time was written on each ingest and rewritten
        // on each delivery; this one holds dead rows only, so the pending → delivered path never touches it.
        migrator.registerMigration("v3 dead-letter index over dead rows only") { db in
            try db.execute(
                sql: """
                    DROP INDEX outbox_by_state;
                    CREATE INDEX outbox_dead ON outbox(updated_at, id) WHERE state = 'dead';
                    """)
        }
        return migrator
    }()
}
