package io.sluice.jdbc.sink.config;

import java.time.DateTimeException;
import java.util.ArrayList;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/** Every option of the JDBC sink, parsed. The {@link #CONFIG_DEF} documentation is the user manual. */
public final class JdbcSinkConfig extends AbstractConfig {

    public static final String CONNECTION_URL = "connection.url";
    public static final String CONNECTION_USERNAME = "connection.username";
    public static final String CONNECTION_PASSWORD = "connection.password";
    public static final String POOL_MAX_SIZE = "connection.pool.max.size";
    public static final String CONNECTION_TIMEOUT_MS = "connection.timeout.ms";
    public static final String POOL_IDLE_TIMEOUT_MS = "connection.pool.idle.timeout.ms";
    public static final String POOL_MAX_LIFETIME_MS = "connection.pool.max.lifetime.ms";
    public static final String DIALECT_NAME = "dialect.name";

    public static final String INSERT_MODE = "insert.mode";
    public static final String PRIMARY_KEY_MODE = "primary.key.mode";
    public static final String PRIMARY_KEY_FIELDS = "primary.key.fields";
    public static final String DELETE_ENABLED = "delete.enabled";
    public static final String TRUNCATE_ENABLED = "truncate.enabled";
    public static final String FIELD_INCLUDE_LIST = "field.include.list";
    public static final String FIELD_EXCLUDE_LIST = "field.exclude.list";
    public static final String UNAVAILABLE_VALUE_PLACEHOLDER = "unavailable.value.placeholder";

    public static final String TABLE_NAME_FORMAT = "table.name.format";
    public static final String SCHEMA_EVOLUTION = "schema.evolution";
    public static final String QUOTE_IDENTIFIERS = "quote.identifiers";
    public static final String DATABASE_TIME_ZONE = "database.time_zone";

    public static final String BATCH_SIZE = "batch.size";
    public static final String FLUSH_INTERVAL_MS = "flush.interval.ms";
    public static final String BULK_LOAD_ENABLED = "bulk.load.enabled";
    public static final String MAX_RETRIES = "max.retries";
    public static final String RETRY_BACKOFF_MS = "retry.backoff.ms";

    private static final String CONNECTION_GROUP = "Connection";
    private static final String WRITES_GROUP = "Writes";
    private static final String TABLES_GROUP = "Tables";
    private static final String FLUSH_GROUP = "Flushing and retries";
    private static final String ALIASES_GROUP = "Aliases (Confluent and Debezium option names)";

    public static final ConfigDef CONFIG_DEF = define();

    private final InsertMode insertMode;
    private final PrimaryKeyMode primaryKeyMode;
    private final SchemaEvolution schemaEvolution;
    private final ZoneId timeZone;

    public JdbcSinkConfig(Map<String, String> props) {
        this(props, true);
    }

    /** Parses without the combination checks, so that {@code validate()} can attach each problem to its option. */
    private JdbcSinkConfig(Map<String, String> props, boolean checkCombinations) {
        super(CONFIG_DEF, ConfigAliases.apply(props));
        insertMode = InsertMode.valueOf(getString(INSERT_MODE).trim().toUpperCase(Locale.ROOT));
        primaryKeyMode = PrimaryKeyMode.valueOf(getString(PRIMARY_KEY_MODE).trim().toUpperCase(Locale.ROOT));
        schemaEvolution = SchemaEvolution.valueOf(getString(SCHEMA_EVOLUTION).trim().toUpperCase(Locale.ROOT));
        timeZone = ZoneId.of(getString(DATABASE_TIME_ZONE).trim());
        if (checkCombinations) {
            checkCombinations();
        }
    }

    /** The options parsed, with no check of how they combine (see {@link #combinationProblems()}). */
    public static JdbcSinkConfig unchecked(Map<String, String> props) {
        return new JdbcSinkConfig(props, false);
    }

    private static ConfigDef define() {
        ConfigDef def = new ConfigDef();
        int order = 0;
        def.define(CONNECTION_URL, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
                Importance.HIGH, "JDBC URL of the target database, for example "
                        + "jdbc:postgresql://db:5432/shop or jdbc:mariadb://db:3306/shop. The dialect is chosen from it. "
                        + "Batch rewriting (reWriteBatchedInserts for PostgreSQL, rewriteBatchedStatements for "
                        + "MySQL and MariaDB) is switched on unless the URL sets it.",
                CONNECTION_GROUP, ++order, Width.LONG, "JDBC URL");
        def.define(CONNECTION_USERNAME, Type.STRING, null, Importance.HIGH,
                "Database user. Confluent's name connection.user is accepted too.",
                CONNECTION_GROUP, ++order, Width.MEDIUM, "User");
        def.define(CONNECTION_PASSWORD, Type.PASSWORD, null, Importance.HIGH, "Password of the database user.",
                CONNECTION_GROUP, ++order, Width.MEDIUM, "Password");
        def.define(POOL_MAX_SIZE, Type.INT, 2, ConfigDef.Range.between(1, 100), Importance.LOW,
                "Largest number of connections a task keeps open. A task writes through one connection at a time; "
                        + "a second one lets a replacement open while a broken one closes.",
                CONNECTION_GROUP, ++order, Width.SHORT, "Pool size");
        def.define(CONNECTION_TIMEOUT_MS, Type.LONG, 30_000L, ConfigDef.Range.atLeast(250), Importance.LOW,
                "How long to wait for a connection from the pool (and so for the database to accept one), in ms.",
                CONNECTION_GROUP, ++order, Width.SHORT, "Connection timeout");
        def.define(POOL_IDLE_TIMEOUT_MS, Type.LONG, 600_000L, ConfigDef.Range.atLeast(10_000), Importance.LOW,
                "An idle connection is closed after this many ms.",
                CONNECTION_GROUP, ++order, Width.SHORT, "Idle timeout");
        def.define(POOL_MAX_LIFETIME_MS, Type.LONG, 1_800_000L, ConfigDef.Range.atLeast(30_000), Importance.LOW,
                "A connection is replaced after this many ms, so that it never outlives a database or proxy timeout.",
                CONNECTION_GROUP, ++order, Width.SHORT, "Connection lifetime");
        def.define(DIALECT_NAME, Type.STRING, "", new DialectNameValidator(), Importance.LOW,
                "SQL dialect: postgresql, mysql or mariadb. Empty chooses from the JDBC URL (and, for jdbc:mysql URLs, "
                        + "from the server's answer, since MariaDB is often reached that way). Confluent's names such as "
                        + "PostgreSqlDatabaseDialect are accepted.",
                CONNECTION_GROUP, ++order, Width.SHORT, "Dialect");

        order = 0;
        def.define(INSERT_MODE, Type.STRING, "insert", enumValidator(InsertMode.values()), Importance.HIGH,
                "How rows are written. insert: plain INSERT (a duplicate key fails). upsert: insert or update the row "
                        + "with the same key (INSERT ... ON CONFLICT / ON DUPLICATE KEY UPDATE); needs a key. "
                        + "update: UPDATE the row with the same key; needs a key. Use upsert for CDC topics.",
                WRITES_GROUP, ++order, Width.SHORT, "Insert mode");
        def.define(PRIMARY_KEY_MODE, Type.STRING, "none", enumValidator(PrimaryKeyMode.values()), Importance.HIGH,
                "Where the key columns come from. none: no key. kafka: the record's topic, partition and offset "
                        + "(columns __connect_topic, __connect_partition, __connect_offset unless primary.key.fields "
                        + "names three others). record_key: the record key (the fields of a struct key, or one primitive "
                        + "key named by primary.key.fields). record_value: fields of the value. CDC topics use record_key. "
                        + "Confluent's pk.mode is accepted too.",
                WRITES_GROUP, ++order, Width.SHORT, "Key mode");
        def.define(PRIMARY_KEY_FIELDS, Type.LIST, "", Importance.MEDIUM,
                "Key column names, comma separated. record_key: a subset of the key struct's fields (empty: all of them) "
                        + "or the column name of a primitive key (required then). record_value: the value fields that form "
                        + "the key (required). kafka: three column names for topic, partition, offset. "
                        + "Confluent's pk.fields is accepted too.",
                WRITES_GROUP, ++order, Width.LONG, "Key fields");
        def.define(DELETE_ENABLED, Type.BOOLEAN, false, Importance.MEDIUM,
                "Delete the row when a CDC delete event ('op': 'd') or a tombstone (a null value) arrives. Needs "
                        + "primary.key.mode=record_key. When false, deletes and tombstones are skipped.",
                WRITES_GROUP, ++order, Width.SHORT, "Apply deletes");
        def.define(TRUNCATE_ENABLED, Type.BOOLEAN, false, Importance.MEDIUM,
                "Empty the table when a CDC truncate event ('op': 't') arrives. When false, truncate events are skipped.",
                WRITES_GROUP, ++order, Width.SHORT, "Apply truncates");
        def.define(FIELD_INCLUDE_LIST, Type.LIST, "", Importance.LOW,
                "Value fields to write, comma separated; empty writes all of them. Key fields are always written. "
                        + "Confluent's fields.whitelist is accepted too.",
                WRITES_GROUP, ++order, Width.LONG, "Fields to write");
        def.define(FIELD_EXCLUDE_LIST, Type.LIST, "", Importance.LOW,
                "Value fields not to write, comma separated. Cannot be combined with field.include.list.",
                WRITES_GROUP, ++order, Width.LONG, "Fields to skip");
        def.define(UNAVAILABLE_VALUE_PLACEHOLDER, Type.STRING, "__debezium_unavailable_value", Importance.LOW,
                "The value CDC sources write for a column they could not read (PostgreSQL's unchanged TOAST values "
                        + "without REPLICA IDENTITY FULL). A row carrying it is written as an UPDATE of its other "
                        + "columns, so the target keeps the column's current value instead of the placeholder. "
                        + "Empty turns this off.",
                WRITES_GROUP, ++order, Width.LONG, "Unavailable value placeholder");

        order = 0;
        def.define(TABLE_NAME_FORMAT, Type.STRING, "${source.table}", new ConfigDef.NonEmptyString(), Importance.MEDIUM,
                "Target table name. ${topic} is the record's topic; ${source.schema} and ${source.table} are the "
                        + "schema (or database) and table named in a CDC event's source block. For records without a "
                        + "source block, ${source.table} is the last dot-separated part of the topic and ${source.schema} "
                        + "the one before it. A dot in the result separates the schema (or database) from the table, "
                        + "for example ${source.schema}.${source.table}.",
                TABLES_GROUP, ++order, Width.LONG, "Table name format");
        def.define(SCHEMA_EVOLUTION, Type.STRING, "none", enumValidator(SchemaEvolution.values()), Importance.MEDIUM,
                "none: tables and columns must exist. basic: create missing tables (key from primary.key.mode) and add "
                        + "new optional columns. A new required column without default, a changed type or a dropped "
                        + "field always stops the task with an explanation. Confluent's auto.create=true or "
                        + "auto.evolve=true mean basic.",
                TABLES_GROUP, ++order, Width.SHORT, "Schema evolution");
        def.define(QUOTE_IDENTIFIERS, Type.BOOLEAN, true, Importance.LOW,
                "true: table and column names are used exactly as written (case kept). false: they are first folded as "
                        + "the database folds unquoted names (PostgreSQL: lower case), which matches tables created "
                        + "by hand without quotes. Names are always quoted in SQL either way, so no name can inject SQL.",
                TABLES_GROUP, ++order, Width.SHORT, "Keep name case");
        def.define(DATABASE_TIME_ZONE, Type.STRING, "UTC", new TimeZoneValidator(), Importance.LOW,
                "Time zone in which timestamps without a zone (TIMESTAMP, DATETIME columns) are written, and to which "
                        + "zoned values are converted where the database has no zoned type (MySQL, MariaDB).",
                TABLES_GROUP, ++order, Width.SHORT, "Database time zone");

        order = 0;
        def.define(BATCH_SIZE, Type.INT, 3000, ConfigDef.Range.between(1, 1_000_000), Importance.MEDIUM,
                "Most records buffered before a flush. A flush writes every buffered table in one transaction, as "
                        + "JDBC batches; several changes to one key inside a flush are collapsed to the last one. The "
                        + "buffer is also flushed as soon as the consumer has caught up (a delivery smaller than the "
                        + "consumer's max.poll.records, set with consumer.override.max.poll.records), so batches only "
                        + "grow to this size while records keep arriving in full polls, and a steady moderate load is "
                        + "written one poll at a time.",
                FLUSH_GROUP, ++order, Width.SHORT, "Batch size");
        def.define(FLUSH_INTERVAL_MS, Type.LONG, 1000L, ConfigDef.Range.atLeast(0), Importance.LOW,
                "Longest time, in ms, a record waits in the buffer while full polls keep arriving and batch.size is "
                        + "not reached (a smaller delivery is flushed at once). 0 flushes after every delivery from the "
                        + "worker.",
                FLUSH_GROUP, ++order, Width.SHORT, "Flush interval");
        def.define(BULK_LOAD_ENABLED, Type.BOOLEAN, true, Importance.LOW,
                "true: the inserts or upserts of a flush with 64 or more rows for one table are loaded in bulk, "
                        + "in the flush's transaction, and end the same as with JDBC batches. PostgreSQL: COPY, "
                        + "streamed while the rows are encoded; rows that are all new (insert mode, or CDC creates "
                        + "and snapshot reads) straight into the table, others into a temporary staging table applied "
                        + "with one INSERT ... SELECT [ON CONFLICT] (needs the TEMPORARY privilege on the database). "
                        + "MySQL and MariaDB: LOAD DATA LOCAL INFILE for new rows of plain column types (needs the "
                        + "server's local_infile; without it the batch statement is used), the batch statement for "
                        + "the others. false: JDBC batches only.",
                FLUSH_GROUP, ++order, Width.SHORT, "Bulk load");
        def.define(MAX_RETRIES, Type.INT, 10, ConfigDef.Range.atLeast(0), Importance.MEDIUM,
                "How often a flush that failed on a transient error (lost connection, deadlock, serialization "
                        + "failure, server shutting down) is retried, each time on a fresh connection.",
                FLUSH_GROUP, ++order, Width.SHORT, "Retries");
        def.define(RETRY_BACKOFF_MS, Type.LONG, 3000L, ConfigDef.Range.atLeast(0), Importance.MEDIUM,
                "Wait before the first retry, in ms; it doubles on each further retry, up to ten times this value.",
                FLUSH_GROUP, ++order, Width.SHORT, "Retry backoff");

        order = 0;
        for (ConfigAliases.Alias alias : ConfigAliases.ALIASES) {
            def.define(alias.alias(), Type.STRING, null, Importance.LOW,
                    "Same as " + alias.canonical() + "; used only when " + alias.canonical() + " is not set.",
                    ALIASES_GROUP, ++order, Width.SHORT, alias.alias());
        }
        def.define(ConfigAliases.AUTO_CREATE, Type.BOOLEAN, false, Importance.LOW,
                "Confluent's switch: true means schema.evolution=basic when schema.evolution is not set.",
                ALIASES_GROUP, ++order, Width.SHORT, "auto.create");
        def.define(ConfigAliases.AUTO_EVOLVE, Type.BOOLEAN, false, Importance.LOW,
                "Confluent's switch: true means schema.evolution=basic when schema.evolution is not set.",
                ALIASES_GROUP, ++order, Width.SHORT, "auto.evolve");
        return def;
    }

    /** Rejects combinations that could only fail, or silently do nothing, at run time. */
    private void checkCombinations() {
        List<ConfigProblem> problems = combinationProblems();
        if (!problems.isEmpty()) {
            ConfigProblem first = problems.get(0);
            throw new ConfigException(first.option() + ": " + first.message());
        }
    }

    /** Options that are valid alone but not together, each with the option to change. */
    public List<ConfigProblem> combinationProblems() {
        List<ConfigProblem> problems = new ArrayList<>();
        List<String> keyFields = primaryKeyFields();
        if (primaryKeyMode == PrimaryKeyMode.NONE && insertMode != InsertMode.INSERT) {
            problems.add(new ConfigProblem(INSERT_MODE, "insert.mode=" + insertMode.name().toLowerCase(Locale.ROOT)
                    + " finds rows by key: set primary.key.mode (record_key for CDC topics)"));
        }
        if (deleteEnabled() && primaryKeyMode != PrimaryKeyMode.RECORD_KEY) {
            problems.add(new ConfigProblem(DELETE_ENABLED,
                    "deletes find rows by the record key: set primary.key.mode=record_key"));
        }
        if (primaryKeyMode == PrimaryKeyMode.RECORD_VALUE && keyFields.isEmpty()) {
            problems.add(new ConfigProblem(PRIMARY_KEY_FIELDS,
                    "primary.key.mode=record_value needs the value fields that form the key"));
        }
        if (primaryKeyMode == PrimaryKeyMode.KAFKA && !keyFields.isEmpty() && keyFields.size() != 3) {
            problems.add(new ConfigProblem(PRIMARY_KEY_FIELDS,
                    "primary.key.mode=kafka takes three column names (topic, partition, offset) or none"));
        }
        if (primaryKeyMode == PrimaryKeyMode.NONE && !keyFields.isEmpty()) {
            problems.add(new ConfigProblem(PRIMARY_KEY_FIELDS,
                    "key fields are ignored with primary.key.mode=none: set primary.key.mode too"));
        }
        if (!fieldIncludeList().isEmpty() && !fieldExcludeList().isEmpty()) {
            problems.add(new ConfigProblem(FIELD_EXCLUDE_LIST,
                    "use either field.include.list or field.exclude.list, not both"));
        }
        if (!"postgresql".equals(dialectName()) && !dialectName().isEmpty()
                && "postgresql".equals(io.sluice.jdbc.sink.dialect.Dialects.schemeOf(connectionUrl()))) {
            problems.add(new ConfigProblem(DIALECT_NAME, "dialect " + dialectName() + " does not fit a PostgreSQL URL"));
        }
        return problems;
    }

    public String connectionUrl() {
        return getString(CONNECTION_URL).trim();
    }

    public String username() {
        return getString(CONNECTION_USERNAME);
    }

    /** The password, or null; never log it. */
    public Password password() {
        return getPassword(CONNECTION_PASSWORD);
    }

    public int poolMaxSize() {
        return getInt(POOL_MAX_SIZE);
    }

    public long connectionTimeoutMs() {
        return getLong(CONNECTION_TIMEOUT_MS);
    }

    public long poolIdleTimeoutMs() {
        return getLong(POOL_IDLE_TIMEOUT_MS);
    }

    public long poolMaxLifetimeMs() {
        return getLong(POOL_MAX_LIFETIME_MS);
    }

    public String dialectName() {
        return DialectNameValidator.normalize(getString(DIALECT_NAME));
    }

    public InsertMode insertMode() {
        return insertMode;
    }

    public PrimaryKeyMode primaryKeyMode() {
        return primaryKeyMode;
    }

    public List<String> primaryKeyFields() {
        return getList(PRIMARY_KEY_FIELDS).stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    public boolean deleteEnabled() {
        return getBoolean(DELETE_ENABLED);
    }

    public boolean truncateEnabled() {
        return getBoolean(TRUNCATE_ENABLED);
    }

    public Set<String> fieldIncludeList() {
        return Set.copyOf(getList(FIELD_INCLUDE_LIST).stream().map(String::trim).filter(s -> !s.isEmpty()).toList());
    }

    public Set<String> fieldExcludeList() {
        return Set.copyOf(getList(FIELD_EXCLUDE_LIST).stream().map(String::trim).filter(s -> !s.isEmpty()).toList());
    }

    public String unavailableValuePlaceholder() {
        return getString(UNAVAILABLE_VALUE_PLACEHOLDER);
    }

    public String tableNameFormat() {
        return getString(TABLE_NAME_FORMAT).trim();
    }

    public SchemaEvolution schemaEvolution() {
        return schemaEvolution;
    }

    public boolean quoteIdentifiers() {
        return getBoolean(QUOTE_IDENTIFIERS);
    }

    public ZoneId timeZone() {
        return timeZone;
    }

    public int batchSize() {
        return getInt(BATCH_SIZE);
    }

    public boolean bulkLoadEnabled() {
        return getBoolean(BULK_LOAD_ENABLED);
    }

    public long flushIntervalMs() {
        return getLong(FLUSH_INTERVAL_MS);
    }

    public int maxRetries() {
        return getInt(MAX_RETRIES);
    }

    public long retryBackoffMs() {
        return getLong(RETRY_BACKOFF_MS);
    }

    private static ConfigDef.Validator enumValidator(Enum<?>[] values) {
        String[] names = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            names[i] = values[i].name().toLowerCase(Locale.ROOT);
        }
        return ConfigDef.CaseInsensitiveValidString.in(names);
    }

    /** Accepts our dialect names and Confluent's class-like ones. */
    static final class DialectNameValidator implements ConfigDef.Validator {
        static String normalize(String value) {
            String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
            if (v.startsWith("postgre")) {
                return "postgresql";
            }
            if (v.startsWith("mariadb")) {
                return "mariadb";
            }
            if (v.startsWith("mysql")) {
                return "mysql";
            }
            return v;
        }

        @Override
        public void ensureValid(String name, Object value) {
            String v = normalize((String) value);
            if (!v.isEmpty() && !Set.of("postgresql", "mysql", "mariadb").contains(v)) {
                throw new ConfigException(name, value, "expected postgresql, mysql, mariadb or empty");
            }
        }

        @Override
        public String toString() {
            return "[postgresql, mysql, mariadb, (empty: from the URL)]";
        }
    }

    static final class TimeZoneValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            try {
                ZoneId.of(((String) value).trim());
            } catch (DateTimeException e) {
                throw new ConfigException(name, value, "not a time zone id (" + e.getMessage() + ")");
            }
        }

        @Override
        public String toString() {
            return "a time zone id such as UTC or Europe/Paris";
        }
    }
}
