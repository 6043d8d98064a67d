package io.sluice.jdbc.source.config;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * The connector's settings. Names, types and meanings follow Confluent's JDBC source so that a connector
 * config can switch by changing {@code connector.class}; the documentation strings are the user manual.
 */
public class JdbcSourceConfig extends AbstractConfig {

    public static final String CONNECTION_URL_CONFIG = "connection.url";
    public static final String CONNECTION_USER_CONFIG = "connection.user";
    public static final String CONNECTION_PASSWORD_CONFIG = "connection.password";
    public static final String CONNECTION_ATTEMPTS_CONFIG = "connection.attempts";
    public static final String CONNECTION_BACKOFF_MS_CONFIG = "connection.backoff.ms";
    public static final String DIALECT_NAME_CONFIG = "dialect.name";

    public static final String MODE_CONFIG = "mode";
    public static final String INCREMENTING_COLUMN_NAME_CONFIG = "incrementing.column.name";
    public static final String TIMESTAMP_COLUMN_NAME_CONFIG = "timestamp.column.name";
    public static final String TIMESTAMP_DELAY_INTERVAL_MS_CONFIG = "timestamp.delay.interval.ms";
    public static final String TIMESTAMP_INITIAL_CONFIG = "timestamp.initial";
    public static final String VALIDATE_NON_NULL_CONFIG = "validate.non.null";
    public static final String QUERY_CONFIG = "query";
    public static final String QUERY_SUFFIX_CONFIG = "query.suffix";
    public static final String KEY_COLUMNS_CONFIG = "key.columns";

    public static final String TABLE_INCLUDE_LIST_CONFIG = "table.include.list";
    public static final String TABLE_EXCLUDE_LIST_CONFIG = "table.exclude.list";
    public static final String TABLE_WHITELIST_CONFIG = "table.whitelist";
    public static final String TABLE_BLACKLIST_CONFIG = "table.blacklist";
    public static final String TABLE_TYPES_CONFIG = "table.types";
    public static final String SCHEMA_PATTERN_CONFIG = "schema.pattern";
    public static final String CATALOG_PATTERN_CONFIG = "catalog.pattern";
    public static final String TABLE_POLL_INTERVAL_MS_CONFIG = "table.poll.interval.ms";

    public static final String TOPIC_PREFIX_CONFIG = "topic.prefix";
    public static final String POLL_INTERVAL_MS_CONFIG = "poll.interval.ms";
    public static final String BATCH_MAX_ROWS_CONFIG = "batch.max.rows";
    public static final String NUMERIC_MAPPING_CONFIG = "numeric.mapping";
    public static final String DB_TIMEZONE_CONFIG = "db.timezone";
    public static final String TRANSACTION_ISOLATION_MODE_CONFIG = "transaction.isolation.mode";
    public static final String QUOTE_SQL_IDENTIFIERS_CONFIG = "quote.sql.identifiers";

    /** -1 for {@link #TIMESTAMP_INITIAL_CONFIG}: start at the database's current time. */
    public static final long TIMESTAMP_INITIAL_CURRENT = -1L;

    private static final String CONNECTION_GROUP = "Connection";
    private static final String MODE_GROUP = "Mode";
    private static final String TABLES_GROUP = "Tables";
    private static final String OUTPUT_GROUP = "Output";

    public static final ConfigDef CONFIG_DEF = define(new ConfigDef());

    public JdbcSourceConfig(Map<String, String> props) {
        this(CONFIG_DEF, props);
    }

    protected JdbcSourceConfig(ConfigDef definition, Map<String, String> props) {
        super(definition, props, false);
    }

    static ConfigDef define(ConfigDef config) {
        int order = 0;
        config
                .define(CONNECTION_URL_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
                        Importance.HIGH, "JDBC URL of the database to copy from, e.g. "
                                + "jdbc:postgresql://db:5432/shop or jdbc:mariadb://db:3306/shop.",
                        CONNECTION_GROUP, ++order, Width.LONG, "JDBC URL")
                .define(CONNECTION_USER_CONFIG, Type.STRING, null, Importance.HIGH,
                        "Database user name.", CONNECTION_GROUP, ++order, Width.MEDIUM, "User")
                .define(CONNECTION_PASSWORD_CONFIG, Type.PASSWORD, null, Importance.HIGH,
                        "Database password. Never logged.", CONNECTION_GROUP, ++order, Width.MEDIUM, "Password")
                .define(CONNECTION_ATTEMPTS_CONFIG, Type.INT, 3, ConfigDef.Range.atLeast(1), Importance.LOW,
                        "How many times to try to open a connection, and how many failed polls in a row are retried "
                                + "before the task fails.",
                        CONNECTION_GROUP, ++order, Width.SHORT, "Connection attempts")
                .define(CONNECTION_BACKOFF_MS_CONFIG, Type.LONG, 10_000L, ConfigDef.Range.atLeast(0), Importance.LOW,
                        "Milliseconds to wait between connection attempts.",
                        CONNECTION_GROUP, ++order, Width.SHORT, "Connection backoff (ms)")
                .define(DIALECT_NAME_CONFIG, Type.STRING, "",
                        ConfigDef.CaseInsensitiveValidString.in("", "PostgreSqlDatabaseDialect", "MySqlDatabaseDialect",
                                "MariaDbDatabaseDialect", "GenericDatabaseDialect", "postgresql", "mysql", "mariadb",
                                "generic"),
                        Importance.LOW, "The SQL dialect. Empty (the default) picks it from the JDBC URL: "
                                + "jdbc:postgresql → PostgreSQL, jdbc:mariadb and jdbc:mysql → MySQL/MariaDB, anything "
                                + "else → generic ANSI SQL. Confluent's names (PostgreSqlDatabaseDialect, "
                                + "MySqlDatabaseDialect, GenericDatabaseDialect) are accepted.",
                        CONNECTION_GROUP, ++order, Width.MEDIUM, "Dialect");
        order = 0;
        config
                .define(MODE_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE,
                        ConfigDef.CaseInsensitiveValidString.in(Mode.names()), Importance.HIGH,
                        "How new and changed rows are found. 'bulk': copy the whole table on every poll. "
                                + "'incrementing': rows whose incrementing.column.name is above the last one copied "
                                + "(new rows only). 'timestamp': rows whose timestamp.column.name is newer than the "
                                + "last one copied (new and updated rows). 'timestamp+incrementing': both, the safest "
                                + "way to copy new and updated rows without gaps or duplicates.",
                        MODE_GROUP, ++order, Width.MEDIUM, "Mode")
                .define(INCREMENTING_COLUMN_NAME_CONFIG, Type.STRING, "", Importance.MEDIUM,
                        "The column whose value grows with every new row (an auto-increment or sequence id), used by "
                                + "the incrementing and timestamp+incrementing modes. It must be an integer column.",
                        MODE_GROUP, ++order, Width.MEDIUM, "Incrementing column")
                .define(TIMESTAMP_COLUMN_NAME_CONFIG, Type.LIST, "", Importance.MEDIUM,
                        "The column(s) holding the time each row was last changed, used by the timestamp modes. With "
                                + "several columns the first non-null one counts (COALESCE), e.g. 'updated_at,created_at'. "
                                + "Rows where all of them are NULL are never copied.",
                        MODE_GROUP, ++order, Width.LONG, "Timestamp columns")
                .define(TIMESTAMP_DELAY_INTERVAL_MS_CONFIG, Type.LONG, 5_000L, ConfigDef.Range.atLeast(0),
                        Importance.HIGH,
                        "In the timestamp modes, only rows with a timestamp older than the database's current time "
                                + "minus this many milliseconds are copied. A transaction that stamps a row and commits "
                                + "within this delay is never missed; set it above your longest write transaction. "
                                + "(Confluent's default is 0, which can lose rows committed late.)",
                        MODE_GROUP, ++order, Width.SHORT, "Timestamp delay (ms)")
                .define(TIMESTAMP_INITIAL_CONFIG, Type.LONG, null, Importance.LOW,
                        "Where the timestamp modes start when there is no stored offset: epoch milliseconds, or -1 "
                                + "for the database's current time. Empty (the default) copies all existing rows.",
                        MODE_GROUP, ++order, Width.MEDIUM, "Initial timestamp")
                .define(VALIDATE_NON_NULL_CONFIG, Type.BOOLEAN, true, Importance.LOW,
                        "Check on start that the incrementing column and the (last) timestamp column are NOT NULL: "
                                + "rows with NULL there would never be copied.",
                        MODE_GROUP, ++order, Width.SHORT, "Validate NOT NULL")
                .define(QUERY_CONFIG, Type.STRING, "", Importance.MEDIUM,
                        "Copy the result of this SELECT instead of whole tables; it then writes to topic.prefix itself. "
                                + "It is wrapped as a subquery, so it may have its own WHERE, JOIN and GROUP BY; the mode's "
                                + "columns refer to its output columns. Cannot be combined with the table lists.",
                        MODE_GROUP, ++order, Width.LONG, "Query")
                .define(QUERY_SUFFIX_CONFIG, Type.STRING, "", Importance.LOW,
                        "Text appended to every generated SELECT, e.g. a locking or hint clause.",
                        MODE_GROUP, ++order, Width.MEDIUM, "Query suffix")
                .define(TRANSACTION_ISOLATION_MODE_CONFIG, Type.STRING, TransactionIsolation.DEFAULT.name(),
                        ConfigDef.CaseInsensitiveValidString.in(TransactionIsolation.names()), Importance.LOW,
                        "Isolation level of the reading transactions: DEFAULT (the database's), READ_UNCOMMITTED, "
                                + "READ_COMMITTED, REPEATABLE_READ or SERIALIZABLE.",
                        MODE_GROUP, ++order, Width.MEDIUM, "Transaction isolation");
        order = 0;
        config
                .define(TABLE_INCLUDE_LIST_CONFIG, Type.LIST, "", Importance.MEDIUM,
                        "Tables to copy; empty means all tables found. Each entry is a table name or a qualified "
                                + "name (schema.table, catalog.table or catalog.schema.table), matched exactly.",
                        TABLES_GROUP, ++order, Width.LONG, "Include tables")
                .define(TABLE_EXCLUDE_LIST_CONFIG, Type.LIST, "", Importance.MEDIUM,
                        "Tables not to copy, written as in table.include.list. Cannot be combined with it.",
                        TABLES_GROUP, ++order, Width.LONG, "Exclude tables")
                .define(TABLE_WHITELIST_CONFIG, Type.LIST, "", Importance.LOW,
                        "Older name of table.include.list, accepted for configs written for Confluent's connector.",
                        TABLES_GROUP, ++order, Width.LONG, "Whitelist (alias)")
                .define(TABLE_BLACKLIST_CONFIG, Type.LIST, "", Importance.LOW,
                        "Older name of table.exclude.list, accepted for configs written for Confluent's connector.",
                        TABLES_GROUP, ++order, Width.LONG, "Blacklist (alias)")
                .define(TABLE_TYPES_CONFIG, Type.LIST, "TABLE", Importance.LOW,
                        "Kinds of tables to copy, as the driver's DatabaseMetaData names them: TABLE, VIEW, "
                                + "MATERIALIZED VIEW, ...",
                        TABLES_GROUP, ++order, Width.MEDIUM, "Table types")
                .define(SCHEMA_PATTERN_CONFIG, Type.STRING, null, Importance.MEDIUM,
                        "Schema name pattern (SQL LIKE) the tables are searched in; empty searches all schemas "
                                + "(PostgreSQL: set it, e.g. 'public', to leave out other schemas).",
                        TABLES_GROUP, ++order, Width.MEDIUM, "Schema pattern")
                .define(CATALOG_PATTERN_CONFIG, Type.STRING, null, Importance.LOW,
                        "Catalog name pattern the tables are searched in (MySQL/MariaDB: the database); empty means "
                                + "the driver's default (MariaDB: the database in the URL).",
                        TABLES_GROUP, ++order, Width.MEDIUM, "Catalog pattern")
                .define(TABLE_POLL_INTERVAL_MS_CONFIG, Type.LONG, 60_000L, ConfigDef.Range.atLeast(1), Importance.LOW,
                        "How often to look for new and dropped tables; a change redistributes the tables over "
                                + "the tasks.",
                        TABLES_GROUP, ++order, Width.SHORT, "Table poll interval (ms)");
        order = 0;
        config
                .define(TOPIC_PREFIX_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, Importance.HIGH,
                        "Each table is written to the topic <topic.prefix><table name>; with query, everything "
                                + "goes to the topic named topic.prefix.",
                        OUTPUT_GROUP, ++order, Width.MEDIUM, "Topic prefix")
                .define(POLL_INTERVAL_MS_CONFIG, Type.INT, 5_000, ConfigDef.Range.atLeast(0), Importance.HIGH,
                        "Milliseconds between two reads of the same table.",
                        OUTPUT_GROUP, ++order, Width.SHORT, "Poll interval (ms)")
                .define(BATCH_MAX_ROWS_CONFIG, Type.INT, 100, ConfigDef.Range.atLeast(1), Importance.LOW,
                        "Most rows returned by one poll, and the JDBC fetch size of the streaming cursor: a larger "
                                + "table is read over several polls from one open cursor.",
                        OUTPUT_GROUP, ++order, Width.SHORT, "Rows per batch")
                .define(NUMERIC_MAPPING_CONFIG, Type.STRING, NumericMapping.NONE.value(),
                        ConfigDef.CaseInsensitiveValidString.in(NumericMapping.names()), Importance.LOW,
                        "How NUMERIC/DECIMAL columns are written. 'none': Connect Decimal. 'precision_only': scale 0 "
                                + "and precision up to 18 as INT8/16/32/64, else Decimal. 'best_fit': as precision_only, "
                                + "and precision up to 18 with a scale as FLOAT64 (may round); PostgreSQL NUMERIC "
                                + "without precision is FLOAT64 with best_fit and its exact text (STRING) otherwise.",
                        OUTPUT_GROUP, ++order, Width.SHORT, "Numeric mapping")
                .define(DB_TIMEZONE_CONFIG, Type.STRING, "UTC", new TimeZoneValidator(), Importance.MEDIUM,
                        "Time zone of timestamps stored without one (PostgreSQL timestamp, MySQL DATETIME): how they "
                                + "are read as instants and how timestamp offsets are bound back.",
                        OUTPUT_GROUP, ++order, Width.MEDIUM, "Database time zone")
                .define(QUOTE_SQL_IDENTIFIERS_CONFIG, Type.STRING, "always",
                        ConfigDef.CaseInsensitiveValidString.in("always", "never"), Importance.LOW,
                        "'always' quotes table and column names (escaping quote characters inside). 'never' writes "
                                + "them bare so the database folds their case; only plain names are then accepted.",
                        OUTPUT_GROUP, ++order, Width.SHORT, "Quote identifiers")
                .define(KEY_COLUMNS_CONFIG, Type.LIST, "", Importance.MEDIUM,
                        "Columns that make up the record key (a struct of these columns); empty writes records "
                                + "without a key. Every copied table or the query must have these columns.",
                        OUTPUT_GROUP, ++order, Width.LONG, "Key columns");
        return config;
    }

    public String connectionUrl() {
        return getString(CONNECTION_URL_CONFIG);
    }

    public String user() {
        return getString(CONNECTION_USER_CONFIG);
    }

    /** The password, or null; its value must never reach a log line. */
    public Password password() {
        return getPassword(CONNECTION_PASSWORD_CONFIG);
    }

    public int connectionAttempts() {
        return getInt(CONNECTION_ATTEMPTS_CONFIG);
    }

    public long connectionBackoffMs() {
        return getLong(CONNECTION_BACKOFF_MS_CONFIG);
    }

    public String dialectName() {
        return getString(DIALECT_NAME_CONFIG);
    }

    public Mode mode() {
        return Mode.parse(getString(MODE_CONFIG));
    }

    /** The incrementing column, or null when none is set. */
    public String incrementingColumn() {
        String name = getString(INCREMENTING_COLUMN_NAME_CONFIG);
        return name == null || name.isBlank() ? null : name.trim();
    }

    public List<String> timestampColumns() {
        return trimmed(getList(TIMESTAMP_COLUMN_NAME_CONFIG));
    }

    public long timestampDelayMs() {
        return getLong(TIMESTAMP_DELAY_INTERVAL_MS_CONFIG);
    }

    /** Epoch milliseconds, {@link #TIMESTAMP_INITIAL_CURRENT}, or null for "from the beginning". */
    public Long timestampInitial() {
        return getLong(TIMESTAMP_INITIAL_CONFIG);
    }

    public boolean validateNonNull() {
        return getBoolean(VALIDATE_NON_NULL_CONFIG);
    }

    /** The custom query, or null in table mode. */
    public String query() {
        String query = getString(QUERY_CONFIG);
        return query == null || query.isBlank() ? null : query.trim();
    }

    public String querySuffix() {
        String suffix = getString(QUERY_SUFFIX_CONFIG);
        return suffix == null ? "" : suffix.trim();
    }

    public List<String> keyColumns() {
        return trimmed(getList(KEY_COLUMNS_CONFIG));
    }

    /** table.include.list, or its alias table.whitelist when only that is set. */
    public List<String> includedTables() {
        List<String> include = trimmed(getList(TABLE_INCLUDE_LIST_CONFIG));
        return include.isEmpty() ? trimmed(getList(TABLE_WHITELIST_CONFIG)) : include;
    }

    /** table.exclude.list, or its alias table.blacklist when only that is set. */
    public List<String> excludedTables() {
        List<String> exclude = trimmed(getList(TABLE_EXCLUDE_LIST_CONFIG));
        return exclude.isEmpty() ? trimmed(getList(TABLE_BLACKLIST_CONFIG)) : exclude;
    }

    public List<String> tableTypes() {
        return trimmed(getList(TABLE_TYPES_CONFIG));
    }

    public String schemaPattern() {
        return blankToNull(getString(SCHEMA_PATTERN_CONFIG));
    }

    public String catalogPattern() {
        return blankToNull(getString(CATALOG_PATTERN_CONFIG));
    }

    public long tablePollIntervalMs() {
        return getLong(TABLE_POLL_INTERVAL_MS_CONFIG);
    }

    public String topicPrefix() {
        return getString(TOPIC_PREFIX_CONFIG);
    }

    public int pollIntervalMs() {
        return getInt(POLL_INTERVAL_MS_CONFIG);
    }

    public int batchMaxRows() {
        return getInt(BATCH_MAX_ROWS_CONFIG);
    }

    public NumericMapping numericMapping() {
        return NumericMapping.parse(getString(NUMERIC_MAPPING_CONFIG));
    }

    public TimeZone dbTimeZone() {
        return TimeZone.getTimeZone(ZoneId.of(getString(DB_TIMEZONE_CONFIG)));
    }

    public TransactionIsolation transactionIsolation() {
        return TransactionIsolation.parse(getString(TRANSACTION_ISOLATION_MODE_CONFIG));
    }

    public boolean quoteIdentifiers() {
        return !"never".equals(getString(QUOTE_SQL_IDENTIFIERS_CONFIG).trim().toLowerCase(Locale.ROOT));
    }

    private static List<String> trimmed(List<String> values) {
        List<String> out = new ArrayList<>();
        if (values != null) {
            for (String value : values) {
                if (value != null && !value.isBlank()) {
                    out.add(value.trim());
                }
            }
        }
        return List.copyOf(out);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** Accepts any zone id Java knows, e.g. UTC, Europe/Berlin, +02:00. */
    static final class TimeZoneValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            try {
                ZoneId.of(String.valueOf(value));
            } catch (RuntimeException e) {
                throw new ConfigException(name, value, "is not a time zone id: " + e.getMessage());
            }
        }

        @Override
        public String toString() {
            return "a time zone id such as UTC or Europe/Berlin";
        }
    }
}
