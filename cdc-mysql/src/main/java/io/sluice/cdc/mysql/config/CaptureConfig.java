package io.sluice.cdc.mysql.config;

import io.sluice.schema.event.Operation;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;

/** What is captured and how it is written: topics, filters, keys, tombstones, schema changes, transactions. */
public final class CaptureConfig {

    public static final String GROUP = "Capture";

    public static final String TOPIC_PREFIX_CONFIG = "topic.prefix";
    public static final String DATABASE_INCLUDE_LIST_CONFIG = "database.include.list";
    public static final String DATABASE_EXCLUDE_LIST_CONFIG = "database.exclude.list";
    public static final String TABLE_INCLUDE_LIST_CONFIG = "table.include.list";
    public static final String TABLE_EXCLUDE_LIST_CONFIG = "table.exclude.list";
    public static final String COLUMN_INCLUDE_LIST_CONFIG = "column.include.list";
    public static final String COLUMN_EXCLUDE_LIST_CONFIG = "column.exclude.list";
    public static final String MESSAGE_KEY_COLUMNS_CONFIG = "message.key.columns";
    public static final String INCLUDE_SCHEMA_CHANGES_CONFIG = "include.schema.changes";
    public static final String TOMBSTONES_ON_DELETE_CONFIG = "tombstones.on.delete";
    public static final String SKIPPED_OPERATIONS_CONFIG = "skipped.operations";
    public static final String PROVIDE_TRANSACTION_METADATA_CONFIG = "provide.transaction.metadata";
    public static final String GTID_SOURCE_INCLUDES_CONFIG = "gtid.source.includes";
    public static final String GTID_SOURCE_EXCLUDES_CONFIG = "gtid.source.excludes";

    private static final Pattern TOPIC_PREFIX = Pattern.compile("[a-zA-Z0-9._\\-]+");

    private final String topicPrefix;
    private final TableFilter tableFilter;
    private final MessageKeyColumns messageKeyColumns;
    private final boolean includeSchemaChanges;
    private final boolean tombstonesOnDelete;
    private final Set<Operation> skippedOperations;
    private final boolean provideTransactionMetadata;
    private final List<Pattern> gtidSourceIncludes;
    private final List<Pattern> gtidSourceExcludes;

    CaptureConfig(AbstractConfig config) {
        this.topicPrefix = config.getString(TOPIC_PREFIX_CONFIG);
        this.tableFilter = new TableFilter(config.getList(DATABASE_INCLUDE_LIST_CONFIG),
                config.getList(DATABASE_EXCLUDE_LIST_CONFIG), config.getList(TABLE_INCLUDE_LIST_CONFIG),
                config.getList(TABLE_EXCLUDE_LIST_CONFIG), config.getList(COLUMN_INCLUDE_LIST_CONFIG),
                config.getList(COLUMN_EXCLUDE_LIST_CONFIG));
        this.messageKeyColumns = MessageKeyColumns.parse(config.getString(MESSAGE_KEY_COLUMNS_CONFIG));
        this.includeSchemaChanges = config.getBoolean(INCLUDE_SCHEMA_CHANGES_CONFIG);
        this.tombstonesOnDelete = config.getBoolean(TOMBSTONES_ON_DELETE_CONFIG);
        this.skippedOperations = parseSkippedOperations(config.getList(SKIPPED_OPERATIONS_CONFIG));
        this.provideTransactionMetadata = config.getBoolean(PROVIDE_TRANSACTION_METADATA_CONFIG);
        this.gtidSourceIncludes = TableFilter.compile(config.getList(GTID_SOURCE_INCLUDES_CONFIG));
        this.gtidSourceExcludes = TableFilter.compile(config.getList(GTID_SOURCE_EXCLUDES_CONFIG));
    }

    static void define(ConfigDef def) {
        int order = 0;
        def.define(TOPIC_PREFIX_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE,
                        ConfigDef.LambdaValidator.with((name, value) -> {
                            if (value == null || !TOPIC_PREFIX.matcher((String) value).matches()) {
                                throw new ConfigException(name, value,
                                        "must be made of letters, digits, '.', '_' and '-' only");
                            }
                        }, () -> "letters, digits, '.', '_', '-'"), Importance.HIGH,
                        "Name of this source (Debezium's logical server name): the prefix of every topic "
                                + "(<topic.prefix>.<database>.<table>) and the key of the stored binlog position. "
                                + "Never change it once the connector ran: it would start over.",
                        GROUP, ++order, Width.MEDIUM, "Topic prefix")
                .define(DATABASE_INCLUDE_LIST_CONFIG, Type.LIST, "", Importance.HIGH,
                        "Comma-separated regular expressions matching the names of the databases to capture "
                                + "(whole name, case-insensitive). Empty captures every database but the system ones. "
                                + "Do not set both this and database.exclude.list.",
                        GROUP, ++order, Width.LONG, "Databases to include")
                .define(DATABASE_EXCLUDE_LIST_CONFIG, Type.LIST, "", Importance.MEDIUM,
                        "Comma-separated regular expressions matching databases not to capture.",
                        GROUP, ++order, Width.LONG, "Databases to exclude")
                .define(TABLE_INCLUDE_LIST_CONFIG, Type.LIST, "", Importance.HIGH,
                        "Comma-separated regular expressions matching <database>.<table> names of the tables to "
                                + "capture. Empty captures every table of the included databases. Do not set both "
                                + "this and table.exclude.list.",
                        GROUP, ++order, Width.LONG, "Tables to include")
                .define(TABLE_EXCLUDE_LIST_CONFIG, Type.LIST, "", Importance.MEDIUM,
                        "Comma-separated regular expressions matching <database>.<table> names not to capture.",
                        GROUP, ++order, Width.LONG, "Tables to exclude")
                .define(COLUMN_INCLUDE_LIST_CONFIG, Type.LIST, "", Importance.LOW,
                        "Comma-separated regular expressions matching <database>.<table>.<column> names of the "
                                + "columns to write into events. Empty writes all columns. Key columns are always kept.",
                        GROUP, ++order, Width.LONG, "Columns to include")
                .define(COLUMN_EXCLUDE_LIST_CONFIG, Type.LIST, "", Importance.LOW,
                        "Comma-separated regular expressions matching <database>.<table>.<column> names of columns "
                                + "to leave out of events (key columns are always kept).",
                        GROUP, ++order, Width.LONG, "Columns to exclude")
                .define(MESSAGE_KEY_COLUMNS_CONFIG, Type.STRING, "", Importance.LOW,
                        "Record keys for tables without a suitable primary key: "
                                + "<database>.<table regex>:<column>,<column>;... The first matching entry wins; "
                                + "other tables are keyed by their primary key (or have a null key without one).",
                        GROUP, ++order, Width.LONG, "Message key columns")
                .define(INCLUDE_SCHEMA_CHANGES_CONFIG, Type.BOOLEAN, true, Importance.MEDIUM,
                        "Whether to write an event for each DDL statement of a captured database to the topic "
                                + "named <topic.prefix>, keyed by database name, with the statement and the "
                                + "affected tables' structure after it.",
                        GROUP, ++order, Width.SHORT, "Schema change events")
                .define(TOMBSTONES_ON_DELETE_CONFIG, Type.BOOLEAN, true, Importance.MEDIUM,
                        "Whether a delete event is followed by a tombstone (same key, null value) so that "
                                + "log compaction can drop the row's records.",
                        GROUP, ++order, Width.SHORT, "Tombstones")
                .define(SKIPPED_OPERATIONS_CONFIG, Type.LIST, "t",
                        ConfigDef.LambdaValidator.with((name, value) -> parseSkippedOperations(castList(value)),
                                () -> "comma-separated subset of c, u, d, t, or none"),
                        Importance.LOW,
                        "Comma-separated operations not to write: c (inserts), u (updates), d (deletes), "
                                + "t (truncates), or 'none'. Debezium's default skips truncates.",
                        GROUP, ++order, Width.SHORT, "Skipped operations")
                .define(PROVIDE_TRANSACTION_METADATA_CONFIG, Type.BOOLEAN, false, Importance.LOW,
                        "Whether to write BEGIN and END events of each transaction to <topic.prefix>.transaction "
                                + "and a transaction block (id, order) into each change event.",
                        GROUP, ++order, Width.SHORT, "Transaction metadata")
                .define(GTID_SOURCE_INCLUDES_CONFIG, Type.LIST, "", Importance.LOW,
                        "Comma-separated regular expressions matching the GTID sources whose transactions are "
                                + "captured: the server UUID on MySQL, <domain>-<server id> on MariaDB. Empty "
                                + "captures all. Do not set both this and gtid.source.excludes.",
                        GROUP, ++order, Width.LONG, "GTID sources to include")
                .define(GTID_SOURCE_EXCLUDES_CONFIG, Type.LIST, "", Importance.LOW,
                        "Comma-separated regular expressions matching GTID sources whose transactions are skipped.",
                        GROUP, ++order, Width.LONG, "GTID sources to exclude");
    }

    @SuppressWarnings("unchecked")
    private static List<String> castList(Object value) {
        return value == null ? List.of() : (List<String>) value;
    }

    static Set<Operation> parseSkippedOperations(List<String> values) {
        Set<Operation> skipped = EnumSet.noneOf(Operation.class);
        for (String raw : values) {
            String value = raw.trim().toLowerCase(Locale.ROOT);
            switch (value) {
                case "", "none" -> { }
                case "c" -> skipped.add(Operation.CREATE);
                case "u" -> skipped.add(Operation.UPDATE);
                case "d" -> skipped.add(Operation.DELETE);
                case "t" -> skipped.add(Operation.TRUNCATE);
                default -> throw new ConfigException(SKIPPED_OPERATIONS_CONFIG, values,
                        "'" + raw + "' is none of c, u, d, t, none");
            }
        }
        return skipped;
    }

    public String topicPrefix() {
        return topicPrefix;
    }

    public TableFilter tableFilter() {
        return tableFilter;
    }

    public MessageKeyColumns messageKeyColumns() {
        return messageKeyColumns;
    }

    public boolean includeSchemaChanges() {
        return includeSchemaChanges;
    }

    public boolean tombstonesOnDelete() {
        return tombstonesOnDelete;
    }

    public boolean skips(Operation operation) {
        return skippedOperations.contains(operation);
    }

    public boolean provideTransactionMetadata() {
        return provideTransactionMetadata;
    }

    /** Whether transactions from this GTID source (MySQL server UUID, MariaDB domain-server) are captured. */
    public boolean includesGtidSource(String source) {
        if (source == null) {
            return true;
        }
        if (!gtidSourceIncludes.isEmpty()) {
            return gtidSourceIncludes.stream().anyMatch(p -> p.matcher(source).matches());
        }
        return gtidSourceExcludes.stream().noneMatch(p -> p.matcher(source).matches());
    }
}
