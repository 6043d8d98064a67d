package io.sluice.cdc.postgres.config;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/** What is captured and how it is shaped into events: topics, filters, keys, deletes, transactions. */
public final class CaptureConfig {

    public static final String GROUP = "Capture";
    public static final String TOPIC_PREFIX = "topic.prefix";
    public static final String SCHEMA_INCLUDE_LIST = "schema.include.list";
    public static final String SCHEMA_EXCLUDE_LIST = "schema.exclude.list";
    public static final String TABLE_INCLUDE_LIST = "table.include.list";
    public static final String TABLE_EXCLUDE_LIST = "table.exclude.list";
    public static final String COLUMN_INCLUDE_LIST = "column.include.list";
    public static final String COLUMN_EXCLUDE_LIST = "column.exclude.list";
    public static final String MESSAGE_KEY_COLUMNS = "message.key.columns";
    public static final String TOMBSTONES_ON_DELETE = "tombstones.on.delete";
    public static final String SKIPPED_OPERATIONS = "skipped.operations";
    public static final String PROVIDE_TRANSACTION_METADATA = "provide.transaction.metadata";
    public static final String UNAVAILABLE_VALUE_PLACEHOLDER = "unavailable.value.placeholder";

    /** Operations that {@code skipped.operations} may name, with Debezium's letters. */
    public enum SkippableOperation {
        CREATE("c"), UPDATE("u"), DELETE("d"), TRUNCATE("t");

        private final String code;

        SkippableOperation(String code) {
            this.code = code;
        }

        static SkippableOperation of(String code) {
            for (SkippableOperation op : values()) {
                if (op.code.equals(code)) {
                    return op;
                }
            }
            throw new IllegalArgumentException(code);
        }
    }

    static void define(ConfigDef def) {
        int order = 0;
        def.define(TOPIC_PREFIX, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new TopicPrefixValidator(), Importance.HIGH,
                        "Prefix of every topic name: changes of table s.t go to <topic.prefix>.s.t. Also names the "
                                + "source partition of the offsets, so it must stay the same for the life of the connector.",
                        GROUP, ++order, ConfigDef.Width.MEDIUM, "Topic prefix")
                .define(SCHEMA_INCLUDE_LIST, Type.LIST, "", Importance.MEDIUM,
                        "Regular expressions of schema names to capture (whole-name match). Empty means all "
                                + "non-system schemas. Cannot be combined with schema.exclude.list.",
                        GROUP, ++order, ConfigDef.Width.LONG, "Schemas included")
                .define(SCHEMA_EXCLUDE_LIST, Type.LIST, "", Importance.MEDIUM,
                        "Regular expressions of schema names not to capture.", GROUP, ++order, ConfigDef.Width.LONG,
                        "Schemas excluded")
                .define(TABLE_INCLUDE_LIST, Type.LIST, "", Importance.HIGH,
                        "Regular expressions of schema.table names to capture (whole-name match). Empty means all tables "
                                + "of the included schemas. Cannot be combined with table.exclude.list.",
                        GROUP, ++order, ConfigDef.Width.LONG, "Tables included")
                .define(TABLE_EXCLUDE_LIST, Type.LIST, "", Importance.MEDIUM,
                        "Regular expressions of schema.table names not to capture.", GROUP, ++order,
                        ConfigDef.Width.LONG, "Tables excluded")
                .define(COLUMN_INCLUDE_LIST, Type.LIST, "", Importance.LOW,
                        "Regular expressions of schema.table.column names to put in the events. Empty means all columns. "
                                + "Key columns are always kept. Cannot be combined with column.exclude.list.",
                        GROUP, ++order, ConfigDef.Width.LONG, "Columns included")
                .define(COLUMN_EXCLUDE_LIST, Type.LIST, "", Importance.LOW,
                        "Regular expressions of schema.table.column names to leave out of the events.",
                        GROUP, ++order, ConfigDef.Width.LONG, "Columns excluded")
                .define(MESSAGE_KEY_COLUMNS, Type.STRING, "", Importance.LOW,
                        "Key columns for tables without a suitable primary key, as schema.table:col1,col2 with entries "
                                + "separated by ';' (the table part is a regular expression). Overrides the primary key.",
                        GROUP, ++order, ConfigDef.Width.LONG, "Message key columns")
                .define(TOMBSTONES_ON_DELETE, Type.BOOLEAN, true, Importance.MEDIUM,
                        "Whether a delete event is followed by a tombstone (null value) with the same key, so that log "
                                + "compaction can remove the row's earlier events.",
                        GROUP, ++order, ConfigDef.Width.SHORT, "Tombstones on delete")
                .define(SKIPPED_OPERATIONS, Type.LIST, "t", new SkippedOperationsValidator(), Importance.LOW,
                        "Operations not to emit: any of c (create), u (update), d (delete), t (truncate), or none. "
                                + "Defaults to t, as Debezium.",
                        GROUP, ++order, ConfigDef.Width.SHORT, "Skipped operations")
                .define(PROVIDE_TRANSACTION_METADATA, Type.BOOLEAN, false, Importance.LOW,
                        "Whether to emit BEGIN and END events on <topic.prefix>.transaction and put the transaction "
                                + "block (id, total and per-table order) in every change event.",
                        GROUP, ++order, ConfigDef.Width.SHORT, "Transaction metadata")
                .define(UNAVAILABLE_VALUE_PLACEHOLDER, Type.STRING, "__debezium_unavailable_value", Importance.LOW,
                        "Value emitted for a TOASTed column that an UPDATE did not change when the table's REPLICA "
                                + "IDENTITY is not FULL (the server does not send it). Text columns carry it as is, "
                                + "binary columns as its UTF-8 bytes; other types become null. Set REPLICA IDENTITY FULL "
                                + "on the table to always get the real value.",
                        GROUP, ++order, ConfigDef.Width.MEDIUM, "Unavailable value placeholder");
    }

    private final String topicPrefix;
    private final TableFilter tableFilter;
    private final MessageKeyColumns messageKeyColumns;
    private final boolean tombstonesOnDelete;
    private final Set<SkippableOperation> skippedOperations;
    private final boolean provideTransactionMetadata;
    private final String unavailableValuePlaceholder;

    CaptureConfig(AbstractConfig config) {
        this.topicPrefix = config.getString(TOPIC_PREFIX);
        List<String> schemaInclude = config.getList(SCHEMA_INCLUDE_LIST);
        List<String> schemaExclude = config.getList(SCHEMA_EXCLUDE_LIST);
        List<String> tableInclude = config.getList(TABLE_INCLUDE_LIST);
        List<String> tableExclude = config.getList(TABLE_EXCLUDE_LIST);
        List<String> columnInclude = config.getList(COLUMN_INCLUDE_LIST);
        List<String> columnExclude = config.getList(COLUMN_EXCLUDE_LIST);
        exclusive(SCHEMA_INCLUDE_LIST, schemaInclude, SCHEMA_EXCLUDE_LIST, schemaExclude);
        exclusive(TABLE_INCLUDE_LIST, tableInclude, TABLE_EXCLUDE_LIST, tableExclude);
        exclusive(COLUMN_INCLUDE_LIST, columnInclude, COLUMN_EXCLUDE_LIST, columnExclude);
        this.tableFilter = new TableFilter(schemaInclude, schemaExclude, tableInclude, tableExclude, columnInclude,
                columnExclude);
        this.messageKeyColumns = MessageKeyColumns.parse(MESSAGE_KEY_COLUMNS, config.getString(MESSAGE_KEY_COLUMNS));
        this.tombstonesOnDelete = config.getBoolean(TOMBSTONES_ON_DELETE);
        this.skippedOperations = parseSkipped(config.getList(SKIPPED_OPERATIONS));
        this.provideTransactionMetadata = config.getBoolean(PROVIDE_TRANSACTION_METADATA);
        this.unavailableValuePlaceholder = config.getString(UNAVAILABLE_VALUE_PLACEHOLDER);
    }

    private static void exclusive(String includeName, List<String> include, String excludeName, List<String> exclude) {
        if (!include.isEmpty() && !exclude.isEmpty()) {
            throw new ConfigException(excludeName, exclude, "Set either " + includeName + " or " + excludeName + ", not both");
        }
    }

    static Set<SkippableOperation> parseSkipped(List<String> values) {
        Set<SkippableOperation> ops = EnumSet.noneOf(SkippableOperation.class);
        for (String v : values) {
            String code = v.trim().toLowerCase(Locale.ROOT);
            if (!code.isEmpty() && !code.equals("none")) {
                ops.add(SkippableOperation.of(code));
            }
        }
        return ops;
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

    public boolean tombstonesOnDelete() {
        return tombstonesOnDelete;
    }

    public boolean skips(SkippableOperation op) {
        return skippedOperations.contains(op);
    }

    public boolean provideTransactionMetadata() {
        return provideTransactionMetadata;
    }

    public String unavailableValuePlaceholder() {
        return unavailableValuePlaceholder;
    }

    /** Topic names allow letters, digits, '.', '_' and '-'. */
    static final class TopicPrefixValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            if (value == null || !((String) value).matches("[A-Za-z0-9._-]{1,200}")) {
                throw new ConfigException(name, value, "Use 1-200 letters, digits, '.', '_' or '-'");
            }
        }

        @Override
        public String toString() {
            return "letters, digits, '.', '_', '-'";
        }
    }

    static final class SkippedOperationsValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            @SuppressWarnings("unchecked")
            List<String> values = (List<String>) value;
            for (String v : values) {
                String code = v.trim().toLowerCase(Locale.ROOT);
                if (!code.matches("c|u|d|t|none|")) {
                    throw new ConfigException(name, value, "Unknown operation '" + v + "': use c, u, d, t or none");
                }
            }
        }

        @Override
        public String toString() {
            return "[c, u, d, t, none]";
        }
    }
}
