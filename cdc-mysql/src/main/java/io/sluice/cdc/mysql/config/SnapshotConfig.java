package io.sluice.cdc.mysql.config;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/** Whether and how the connector copies existing rows. */
public final class SnapshotConfig {

    public static final String GROUP = "Snapshot";

    public static final String SNAPSHOT_MODE_CONFIG = "snapshot.mode";
    public static final String SNAPSHOT_LOCKING_MODE_CONFIG = "snapshot.locking.mode";
    public static final String SNAPSHOT_FETCH_SIZE_CONFIG = "snapshot.fetch.size";
    public static final String SNAPSHOT_CHUNK_SIZE_CONFIG = "snapshot.chunk.size";
    public static final String SNAPSHOT_MAX_THREADS_CONFIG = "snapshot.max.threads";

    private final SnapshotMode mode;
    private final SnapshotLockingMode lockingMode;
    private final int fetchSize;
    private final int chunkSize;
    private final int maxThreads;

    SnapshotConfig(AbstractConfig config) {
        this.mode = SnapshotMode.parse(config.getString(SNAPSHOT_MODE_CONFIG));
        this.lockingMode = SnapshotLockingMode.parse(config.getString(SNAPSHOT_LOCKING_MODE_CONFIG));
        this.fetchSize = config.getInt(SNAPSHOT_FETCH_SIZE_CONFIG);
        this.chunkSize = config.getInt(SNAPSHOT_CHUNK_SIZE_CONFIG);
        this.maxThreads = config.getInt(SNAPSHOT_MAX_THREADS_CONFIG);
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
                                + "binlog on the server. 'when_needed': as initial, and again when the stored binlog "
                                + "position was purged from the server (instead of failing).",
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
                        GROUP, ++order, Width.SHORT, "Snapshot threads");
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
}
