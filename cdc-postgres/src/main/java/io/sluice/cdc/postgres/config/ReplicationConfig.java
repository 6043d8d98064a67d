package io.sluice.cdc.postgres.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/** The replication slot and publication the changes are read through. */
public final class ReplicationConfig {

    public static final String GROUP = "Replication";
    public static final String SLOT_NAME = "slot.name";
    public static final String SLOT_DROP_ON_STOP = "slot.drop.on.stop";
    public static final String PUBLICATION_NAME = "publication.name";
    public static final String PUBLICATION_AUTOCREATE_MODE = "publication.autocreate.mode";
    public static final String STATUS_UPDATE_INTERVAL_MS = "status.update.interval.ms";
    public static final String PGOUTPUT_STREAMING = "pgoutput.streaming";
    public static final String PGOUTPUT_STREAMING_SPOOL_DIR = "pgoutput.streaming.spool.dir";

    /** What the connector does about its publication at start. */
    public enum PublicationAutocreateMode {
        /** Create the publication FOR ALL TABLES if it does not exist (needs superuser). */
        ALL_TABLES,
        /** Create it, or alter it, to hold exactly the captured tables. */
        FILTERED,
        /** Use the publication as it is; fail if it does not exist. */
        DISABLED;

        static PublicationAutocreateMode parse(String value) {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        }
    }

    static void define(ConfigDef def) {
        int order = 0;
        def.define(SLOT_NAME, Type.STRING, "debezium", new SlotNameValidator(), Importance.MEDIUM,
                        "Name of the logical replication slot, created if missing. A slot keeps WAL on the server until "
                                + "the connector confirms it: drop the slot of a connector you delete. Lower-case "
                                + "letters, digits and '_' only.",
                        GROUP, ++order, ConfigDef.Width.MEDIUM, "Slot")
                .define(SLOT_DROP_ON_STOP, Type.BOOLEAN, false, Importance.LOW,
                        "Drop the slot when the task stops. Only for tests and throw-away setups: a restart then takes a "
                                + "new snapshot (if the snapshot mode says so) and changes made while stopped are lost.",
                        GROUP, ++order, ConfigDef.Width.SHORT, "Drop slot on stop")
                .define(PUBLICATION_NAME, Type.STRING, "dbz_publication", new SlotNameValidator(), Importance.MEDIUM,
                        "Name of the publication that selects the tables pgoutput sends.", GROUP, ++order,
                        ConfigDef.Width.MEDIUM, "Publication")
                .define(PUBLICATION_AUTOCREATE_MODE, Type.STRING, "all_tables",
                        ConfigDef.ValidString.in("all_tables", "filtered", "disabled"), Importance.MEDIUM,
                        "all_tables: create the publication FOR ALL TABLES if missing (needs superuser); filtered: "
                                + "create it or set its table list to exactly the captured tables (needs table ownership); "
                                + "disabled: the publication must exist.",
                        GROUP, ++order, ConfigDef.Width.SHORT, "Publication autocreate mode")
                .define(STATUS_UPDATE_INTERVAL_MS, Type.INT, 10_000, ConfigDef.Range.atLeast(100), Importance.LOW,
                        "How often the connector reports its flushed LSN to the server even when nothing changed.",
                        GROUP, ++order, ConfigDef.Width.SHORT, "Status update interval")
                .define(PGOUTPUT_STREAMING, Type.BOOLEAN, true, Importance.LOW,
                        "On PostgreSQL 14 and newer, read with pgoutput protocol version 2 and let the server stream a "
                                + "transaction larger than its logical_decoding_work_mem while it runs, instead of "
                                + "spilling it to the server's disk and decoding it all after its commit. The connector "
                                + "keeps the streamed part in a file under " + PGOUTPUT_STREAMING_SPOOL_DIR + " and "
                                + "emits it only at its commit, so no uncommitted change is ever emitted. Set false "
                                + "to use protocol version 1.",
                        GROUP, ++order, ConfigDef.Width.SHORT, "Stream large transactions")
                .define(PGOUTPUT_STREAMING_SPOOL_DIR, Type.STRING, "", new SpoolDirValidator(), Importance.LOW,
                        "Directory of the worker's file system for the spool files of large transactions streamed "
                                + "before their commit; each file is as large as its transaction's changes and is "
                                + "deleted at its commit or rollback. Empty: the JVM's java.io.tmpdir.",
                        GROUP, ++order, ConfigDef.Width.LONG, "Streaming spool directory");
    }

    private final String slotName;
    private final boolean dropSlotOnStop;
    private final String publicationName;
    private final PublicationAutocreateMode publicationAutocreateMode;
    private final int statusUpdateIntervalMs;
    private final boolean streaming;
    private final Path streamingSpoolDir;

    ReplicationConfig(AbstractConfig config) {
        this.slotName = config.getString(SLOT_NAME);
        this.dropSlotOnStop = config.getBoolean(SLOT_DROP_ON_STOP);
        this.publicationName = config.getString(PUBLICATION_NAME);
        this.publicationAutocreateMode = PublicationAutocreateMode.parse(config.getString(PUBLICATION_AUTOCREATE_MODE));
        this.statusUpdateIntervalMs = config.getInt(STATUS_UPDATE_INTERVAL_MS);
        this.streaming = config.getBoolean(PGOUTPUT_STREAMING);
        String spoolDir = config.getString(PGOUTPUT_STREAMING_SPOOL_DIR).trim();
        this.streamingSpoolDir = Path.of(spoolDir.isEmpty() ? System.getProperty("java.io.tmpdir") : spoolDir);
    }

    public String slotName() {
        return slotName;
    }

    public boolean dropSlotOnStop() {
        return dropSlotOnStop;
    }

    public String publicationName() {
        return publicationName;
    }

    public PublicationAutocreateMode publicationAutocreateMode() {
        return publicationAutocreateMode;
    }

    public int statusUpdateIntervalMs() {
        return statusUpdateIntervalMs;
    }

    /** Whether to ask for protocol 2 streaming of large in-progress transactions (used on servers that have it). */
    public boolean streaming() {
        return streaming;
    }

    public Path streamingSpoolDir() {
        return streamingSpoolDir;
    }

    /**
     * Slot names may hold only lower-case letters, digits and underscores (a server rule). Publication names
     * are held to the same rule here because PgJDBC passes them inside a replication command option.
     */
    static final class SlotNameValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            if (value == null || !((String) value).matches("[a-z0-9_]{1,63}")) {
                throw new ConfigException(name, value, "Use 1-63 lower-case letters, digits or '_'");
            }
        }

        @Override
        public String toString() {
            return "[a-z0-9_]{1,63}";
        }
    }

    /** The spool directory must be one the worker can write, or be creatable in one. */
    static final class SpoolDirValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            String dir = value == null ? "" : ((String) value).trim();
            if (dir.isEmpty()) {
                return;
            }
            Path path = Path.of(dir).toAbsolutePath();
            Path existing = path;
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            if (existing == null || !Files.isDirectory(existing) || !Files.isWritable(existing)) {
                throw new ConfigException(name, value, (existing == null ? path : existing)
                        + " is not a directory this worker can write to");
            }
        }

        @Override
        public String toString() {
            return "a writable directory, or empty for java.io.tmpdir";
        }
    }
}
