package io.sluice.cdc.postgres.config;

import java.util.Locale;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/** The initial snapshot: when it runs and how it reads. */
public final class SnapshotConfig {

    public static final String GROUP = "Snapshot";
    public static final String SNAPSHOT_MODE = "snapshot.mode";
    public static final String SNAPSHOT_FETCH_SIZE = "snapshot.fetch.size";
    public static final String SNAPSHOT_MAX_THREADS = "snapshot.max.threads";
    public static final String SIGNAL_DATA_COLLECTION = "signal.data.collection";
    public static final String INCREMENTAL_SNAPSHOT_CHUNK_SIZE = "incremental.snapshot.chunk.size";

    /** When the connector snapshots the captured tables. */
    public enum SnapshotMode {
        /** Snapshot when the connector has no offset, then stream. */
        INITIAL,
        /** Snapshot when the connector has no offset, then stop producing. */
        INITIAL_ONLY,
        /** Never read table contents; create the slot and stream from now. */
        NO_DATA,
        /** Never snapshot; stream from the slot (which must exist, or is created). */
        NEVER,
        /** Snapshot when there is no offset or the offset's position is no longer in the slot. */
        WHEN_NEEDED,
        /** Snapshot at every start, then stream. */
        ALWAYS;

        static SnapshotMode parse(String value) {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        }
    }

    static void define(ConfigDef def) {
        int order = 0;
        def.define(SNAPSHOT_MODE, Type.STRING, "initial",
                        ConfigDef.ValidString.in("initial", "initial_only", "no_data", "never", "when_needed", "always"),
                        Importance.MEDIUM,
                        "initial: snapshot the tables when there is no stored offset, then stream; initial_only: the "
                                + "same, but stop after the snapshot; no_data: stream from now without reading existing "
                                + "rows; never: never snapshot, stream from the slot; when_needed: snapshot when there is "
                                + "no offset or the slot cannot resume from it; always: snapshot at every start.",
                        GROUP, ++order, ConfigDef.Width.SHORT, "Snapshot mode")
                .define(SNAPSHOT_FETCH_SIZE, Type.INT, 10_000, ConfigDef.Range.atLeast(1), Importance.LOW,
                        "Rows fetched from the server per round trip while reading a table.",
                        GROUP, ++order, ConfigDef.Width.SHORT, "Snapshot fetch size")
                .define(SNAPSHOT_MAX_THREADS, Type.INT, 1, ConfigDef.Range.between(1, 64), Importance.LOW,
                        "How many tables are read at the same time during the snapshot.",
                        GROUP, ++order, ConfigDef.Width.SHORT, "Snapshot threads")
                .define(SIGNAL_DATA_COLLECTION, Type.STRING, null, Importance.LOW,
                        "The signal table, as schema.table, with three text columns (id, type, data). Inserting "
                                + "('any-id', 'execute-snapshot', '{\"data-collections\": [\"public.orders\"]}') "
                                + "starts an incremental snapshot of the listed tables, read in chunks while streaming "
                                + "goes on, without locks; 'stop-snapshot' cancels it. The connector writes its chunk "
                                + "watermarks into the same table, so it must be in the publication. Progress is kept "
                                + "in memory: after a restart, send the signal again.",
                        GROUP, ++order, ConfigDef.Width.MEDIUM, "Signal table")
                .define(INCREMENTAL_SNAPSHOT_CHUNK_SIZE, Type.INT, 1024, ConfigDef.Range.atLeast(1), Importance.LOW,
                        "Rows per chunk of an incremental snapshot.", GROUP, ++order, ConfigDef.Width.SHORT,
                        "Incremental snapshot chunk size");
    }

    private final SnapshotMode mode;
    private final int fetchSize;
    private final int maxThreads;
    private final String signalDataCollection;
    private final int incrementalChunkSize;

    SnapshotConfig(AbstractConfig config) {
        this.mode = SnapshotMode.parse(config.getString(SNAPSHOT_MODE));
        this.fetchSize = config.getInt(SNAPSHOT_FETCH_SIZE);
        this.maxThreads = config.getInt(SNAPSHOT_MAX_THREADS);
        String signal = config.getString(SIGNAL_DATA_COLLECTION);
        if (signal != null && !signal.isBlank() && signal.indexOf('.') <= 0) {
            throw new ConfigException(SIGNAL_DATA_COLLECTION, signal, "Use schema.table");
        }
        this.signalDataCollection = signal == null || signal.isBlank() ? null : signal.trim();
        this.incrementalChunkSize = config.getInt(INCREMENTAL_SNAPSHOT_CHUNK_SIZE);
    }

    public SnapshotMode mode() {
        return mode;
    }

    public int fetchSize() {
        return fetchSize;
    }

    public int maxThreads() {
        return maxThreads;
    }

    /** The signal table as schema.table, or null. */
    public String signalDataCollection() {
        return signalDataCollection;
    }

    public int incrementalChunkSize() {
        return incrementalChunkSize;
    }
}
