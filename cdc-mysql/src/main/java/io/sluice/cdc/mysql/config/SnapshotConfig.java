package io.sluice.cdc.mysql.config;

import io.sluice.cdc.mysql.schema.TableId;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;

/** Whether and how the connector copies existing rows. */
public final class SnapshotConfig {

    public static final String GROUP = "Snapshot";

    public static final String SNAPSHOT_MODE_CONFIG = "snapshot.mode";
    public static final String SNAPSHOT_LOCKING_MODE_CONFIG = "snapshot.locking.mode";
    public static final String SNAPSHOT_FETCH_SIZE_CONFIG = "snapshot.fetch.size";
    public static final String SNAPSHOT_CHUNK_SIZE_CONFIG = "snapshot.chunk.size";
    public static final String SNAPSHOT_MAX_THREADS_CONFIG = "snapshot.max.threads";
    public static final String SIGNAL_DATA_COLLECTION_CONFIG = "signal.data.collection";
    public static final String INCREMENTAL_SNAPSHOT_CHUNK_SIZE_CONFIG = "incremental.snapshot.chunk.size";

    private final SnapshotMode mode;
    private final SnapshotLockingMode lockingMode;
    private final int fetchSize;
    private final int chunkSize;
    private final int maxThreads;
    private final TableId signalTable;
    private final int incrementalChunkSize;

    SnapshotConfig(AbstractConfig config) {
        this.mode = SnapshotMode.parse(config.getString(SNAPSHOT_MODE_CONFIG));
        this.lockingMode = SnapshotLockingMode.parse(config.getString(SNAPSHOT_LOCKING_MODE_CONFIG));
        this.fetchSize = config.getInt(SNAPSHOT_FETCH_SIZE_CONFIG);
        this.chunkSize = config.getInt(SNAPSHOT_CHUNK_SIZE_CONFIG);
        this.maxThreads = config.getInt(SNAPSHOT_MAX_THREADS_CONFIG);
        this.signalTable = parseSignalTable(config.getString(SIGNAL_DATA_COLLECTION_CONFIG));
        this.incrementalChunkSize = config.getInt(INCREMENTAL_SNAPSHOT_CHUNK_SIZE_CONFIG);
    }

    /** {@code db.table} (split at the first dot) as a table, or null when blank. */
    static TableId parseSignalTable(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String name = value.trim();
        int dot = name.indexOf('.');
        if (dot <= 0 || dot == name.length() - 1) {
            throw new ConfigException(SIGNAL_DATA_COLLECTION_CONFIG, value, "use database.table");
        }
        return new TableId(name.substring(0, dot), name.substring(dot + 1));
    }

    static void define(ConfigDef def) {
        int order = 0;
        def.define(SNAPSHOT_MODE_CONFIG, Type.STRING, SnapshotMode.INITIAL.value(),
                        ConfigDef.CaseInsensitiveValidString.in("initial", "initial_only", "no_data", "never",
                                "when_needed"),
                        Importance.HIGH,
                        "When to copy the existing rows (as events with op 'r'). 'initial': on first start, then "
                                + "stream the binlog. 'initial_only': on first start, then stop. 'no_data': never; "
                                + "stream from the current binlog position. 'never': never; stream from the oldest "
                                + "binlog on the server. 'when_needed': as initial, and again when the binlog the "
                                + "stored position (file or GTIDs) continues from was purged from the server; with "
                                + "the other modes a purged binlog fails the task (set when_needed, or delete the "
                                + "connector's offsets to start over).",
                        GROUP, ++order, Width.SHORT, "Snapshot mode")
                .define(SNAPSHOT_LOCKING_MODE_CONFIG, Type.STRING, SnapshotLockingMode.MINIMAL.value(),
                        ConfigDef.CaseInsensitiveValidString.in("minimal", "none"), Importance.MEDIUM,
                        "'minimal': FLUSH TABLES WITH READ LOCK only while the binlog position is read and the "
                                + "readers' REPEATABLE READ consistent-snapshot transactions are opened (writes wait "
                                + "for milliseconds); the snapshot then matches the position exactly. 'none': no "
                                + "lock; needs no RELOAD privilege, but writes committed while the snapshot starts "
                                + "may be delivered twice (once read, once streamed). Either way tables must be "
                                + "InnoDB for a consistent snapshot, and no DDL may run on them during the snapshot.",
                        GROUP, ++order, Width.SHORT, "Snapshot locking")
                .define(SNAPSHOT_FETCH_SIZE_CONFIG, Type.INT, 10_000, ConfigDef.Range.atLeast(1), Importance.LOW,
                        "Rows the driver fetches from the server at a time while reading a chunk.",
                        GROUP, ++order, Width.SHORT, "Fetch size")
                .define(SNAPSHOT_CHUNK_SIZE_CONFIG, Type.INT, 50_000, ConfigDef.Range.atLeast(1), Importance.LOW,
                        "Rows per chunk: tables with a primary key are read in key order, one chunk per query, "
                                + "and the snapshot resumes after the last finished chunk when the task restarts.",
                        GROUP, ++order, Width.SHORT, "Chunk size")
                .define(SNAPSHOT_MAX_THREADS_CONFIG, Type.INT, 1, ConfigDef.Range.between(1, 64), Importance.MEDIUM,
                        "Tables read in parallel, each over its own connection and consistent-snapshot transaction.",
                        GROUP, ++order, Width.SHORT, "Snapshot threads")
                .define(SIGNAL_DATA_COLLECTION_CONFIG, Type.STRING, null,
                        ConfigDef.LambdaValidator.with((name, value) -> parseSignalTable((String) value),
                                () -> "database.table"),
                        Importance.LOW,
                        "The signal table, as database.table, whose first three columns are id, type and data "
                                + "(Debezium's: id VARCHAR(42) PRIMARY KEY, type VARCHAR(32) NOT NULL, data "
                                + "VARCHAR(2048)). Inserting ('any-id', 'execute-snapshot', '{\"data-collections\": "
                                + "[\"shop.orders\"], \"type\": \"incremental\"}') starts an incremental snapshot "
                                + "of the listed tables (which must be captured): each is read in primary key order "
                                + "in chunks of incremental.snapshot.chunk.size rows while the binlog keeps streaming, "
                                + "without locks, as op 'r' events; a row changed while its chunk is read is written "
                                + "as the streamed change only. 'stop-snapshot' stops the tables it lists (all "
                                + "without a list). The connector writes its chunk watermarks into this table, so the "
                                + "connector's user needs INSERT on it; the table need not be captured. Progress is "
                                + "kept in the offsets: a restarted task continues with the chunk after the last one "
                                + "written. Empty: no signals.",
                        GROUP, ++order, Width.MEDIUM, "Signal table")
                .define(INCREMENTAL_SNAPSHOT_CHUNK_SIZE_CONFIG, Type.INT, 1024, ConfigDef.Range.atLeast(1),
                        Importance.LOW,
                        "Rows per chunk of an incremental snapshot: one query, held in memory until its closing "
                                + "watermark comes through the binlog.",
                        GROUP, ++order, Width.SHORT, "Incremental snapshot chunk size");
    }

    public SnapshotMode mode() {
        return mode;
    }

    public SnapshotLockingMode lockingMode() {
        return lockingMode;
    }

    public int fetchSize() {
        return fetchSize;
    }

    public int chunkSize() {
        return chunkSize;
    }

    public int maxThreads() {
        return maxThreads;
    }

    /** The table incremental snapshot signals are read from and watermarks written to, or null. */
    public TableId signalTable() {
        return signalTable;
    }

    public int incrementalChunkSize() {
        return incrementalChunkSize;
    }
}
