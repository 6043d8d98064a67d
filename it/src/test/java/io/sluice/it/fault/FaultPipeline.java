package io.sluice.it.fault;

import io.sluice.it.ConnectClient;
import io.sluice.it.Databases;
import io.sluice.it.LocalStack;
import io.sluice.it.TopicReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One real pipeline for a fault scenario: a CDC source (cdc-postgres or cdc-mysql) into Kafka and jdbc-sink into
 * the other engine, JSON with schemas, connectors named {@code <name>-source} and {@code <name>-sink}, databases
 * {@code it_fault_<name>} and {@code it_fault_<name>_target}. Its configs can be changed before {@link #start}.
 */
public final class FaultPipeline implements AutoCloseable {

    public enum Direction { POSTGRES_TO_MARIADB, MARIADB_TO_POSTGRES }

    private final LocalStack.Stack stack;
    private final String name;
    private final Direction direction;
    private final String sourceDb;
    private final String targetDb;
    private final Map<String, String> sourceConfig;
    private final Map<String, String> sinkConfig;

    private FaultPipeline(LocalStack.Stack stack, String name, Direction direction) throws SQLException {
        this.stack = stack;
        this.name = name;
        this.direction = direction;
        this.sourceDb = "it_fault_" + name;
        this.targetDb = "it_fault_" + name + "_target";
        if (direction == Direction.POSTGRES_TO_MARIADB) {
            Databases.recreatePostgresDatabase(sourceDb);
            Databases.recreateMariadbDatabase(targetDb);
        } else {
            Databases.recreateMariadbDatabase(sourceDb);
            Databases.recreatePostgresDatabase(targetDb);
        }
        this.sourceConfig = direction == Direction.POSTGRES_TO_MARIADB ? postgresSource() : mariadbSource();
        this.sinkConfig = sink();
    }

    public static FaultPipeline postgresToMariadb(LocalStack.Stack stack, String name) throws SQLException {
        return new FaultPipeline(stack, name, Direction.POSTGRES_TO_MARIADB);
    }

    public static FaultPipeline mariadbToPostgres(LocalStack.Stack stack, String name) throws SQLException {
        return new FaultPipeline(stack, name, Direction.MARIADB_TO_POSTGRES);
    }

    public Workload.Engine sourceEngine() {
        return direction == Direction.POSTGRES_TO_MARIADB ? Workload.Engine.POSTGRES : Workload.Engine.MARIADB;
    }

    /** A workload on the source database; {@code pauseMillis} between its transactions. */
    public Workload workload(long seed, long pauseMillis) {
        return new Workload(this::openSource, seed, pauseMillis);
    }

    public Connection openSource() throws SQLException {
        return direction == Direction.POSTGRES_TO_MARIADB ? Databases.postgres(sourceDb) : Databases.mariadb(sourceDb);
    }

    public Connection openTarget() throws SQLException {
        return direction == Direction.POSTGRES_TO_MARIADB ? Databases.mariadb(targetDb) : Databases.postgres(targetDb);
    }

    public String sourceUrl() {
        return direction == Direction.POSTGRES_TO_MARIADB ? Databases.postgresUrl(sourceDb) : Databases.mariadbUrl(sourceDb);
    }

    public String targetUrl() {
        return direction == Direction.POSTGRES_TO_MARIADB ? Databases.mariadbUrl(targetDb) : Databases.postgresUrl(targetDb);
    }

    public String sourceDatabase() {
        return sourceDb;
    }

    public String targetDatabase() {
        return targetDb;
    }

    public String sourceConnector() {
        return name + "-source";
    }

    public String sinkConnector() {
        return name + "-sink";
    }

    /** The source connector's config, to change before {@link #start}. */
    public Map<String, String> sourceConfig() {
        return sourceConfig;
    }

    /** The sink connector's config, to change before {@link #start}. */
    public Map<String, String> sinkConfig() {
        return sinkConfig;
    }

    public String topic(String table) {
        return topicPrefix() + "." + (direction == Direction.POSTGRES_TO_MARIADB ? "public" : sourceDb) + "." + table;
    }

    /** Table -> topic of the workload's tables. */
    public Map<String, String> topics() {
        Map<String, String> topics = new LinkedHashMap<>();
        Workload.TABLES.forEach(table -> topics.put(table, topic(table)));
        return topics;
    }

    public TopicAudit audit(boolean readCommittedOnly) {
        return new TopicAudit(stack.bootstrapServers(), topics(), readCommittedOnly);
    }

    /**
     * Starts the source, then the sink, each waited for until RUNNING. A MariaDB source is also waited for until
     * its snapshot has emitted a row: cdc-mysql first has the worker store its start position (up to one offset
     * flush) and only then takes the snapshot's binlog position, so a workload started earlier would find its
     * first changes only as snapshot rows, not as change events.
     */
    public void start() {
        startSource();
        if (direction == Direction.MARIADB_TO_POSTGRES) {
            try (TopicReader reader = new TopicReader(stack.bootstrapServers(), topic(Workload.TABLES.get(0)), false)) {
                if (reader.read(1, Duration.ofMinutes(2)).isEmpty()) {
                    throw new IllegalStateException("the source's snapshot emitted no row within 2 minutes");
                }
            }
        }
        startSink();
    }

    public void startSource() {
        connect().putConnector(sourceConnector(), sourceConfig);
        connect().awaitRunning(sourceConnector(), Duration.ofSeconds(90));
    }

    public void startSink() {
        connect().putConnector(sinkConnector(), sinkConfig);
        connect().awaitRunning(sinkConnector(), Duration.ofSeconds(90));
    }

    /** Waits until both connectors and their tasks run again (after a fault). */
    public void awaitRunning(Duration timeout) {
        connect().awaitRunning(sourceConnector(), timeout);
        connect().awaitRunning(sinkConnector(), timeout);
    }

    /** bin/verify on the workload's tables, waiting up to {@code timeoutSeconds} for the sink to catch up. */
    public TargetCheck.Verdict verify(int timeoutSeconds) {
        return TargetCheck.compare(sourceUrl(), targetUrl(), Workload.TABLES, timeoutSeconds);
    }

    public ConnectClient connect() {
        return stack.connect();
    }

    @Override
    public void close() {
        connect().deleteConnector(sinkConnector());
        connect().deleteConnector(sourceConnector());
    }

    private String topicPrefix() {
        return "fault_" + name;
    }

    private Map<String, String> postgresSource() {
        Map<String, String> config = json();
        config.put("connector.class", "io.sluice.cdc.postgres.PostgresSourceConnector");
        config.put("tasks.max", "1");
        config.put("database.hostname", Databases.HOST);
        config.put("database.port", String.valueOf(Databases.POSTGRES_PORT));
        config.put("database.user", Databases.USER);
        config.put("database.password", Databases.PASSWORD);
        config.put("database.dbname", sourceDb);
        config.put("topic.prefix", topicPrefix());
        config.put("table.include.list", "public.accounts,public.transfers");
        config.put("slot.name", sourceDb);
        config.put("publication.name", sourceDb);
        config.put("publication.autocreate.mode", "filtered");
        config.put("snapshot.fetch.size", "1000");
        return config;
    }

    private Map<String, String> mariadbSource() {
        Map<String, String> config = json();
        config.put("connector.class", "io.sluice.cdc.mysql.MySqlSourceConnector");
        config.put("tasks.max", "1");
        config.put("database.hostname", Databases.HOST);
        config.put("database.port", String.valueOf(Databases.MARIADB_PORT));
        config.put("database.user", Databases.USER);
        config.put("database.password", Databases.PASSWORD);
        // a replica id of its own per pipeline, away from the other tests' 6xxx
        config.put("database.server.id", String.valueOf(7000 + Math.floorMod(name.hashCode(), 999)));
        config.put("database.include.list", sourceDb);
        config.put("topic.prefix", topicPrefix());
        return config;
    }

    private Map<String, String> sink() {
        Map<String, String> config = json();
        config.put("connector.class", "io.sluice.jdbc.sink.JdbcSinkConnector");
        config.put("tasks.max", "1");
        config.put("topics", String.join(",", List.of(topic("accounts"), topic("transfers"))));
        config.put("connection.url", targetUrl());
        config.put("connection.username", Databases.USER);
        config.put("connection.password", Databases.PASSWORD);
        config.put("insert.mode", "upsert");
        config.put("primary.key.mode", "record_key");
        config.put("delete.enabled", "true");
        config.put("schema.evolution", "basic");
        config.put("table.name.format", "${source.table}");
        return config;
    }

    private static Map<String, String> json() {
        Map<String, String> config = new HashMap<>();
        config.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("key.converter.schemas.enable", "true");
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter.schemas.enable", "true");
        return config;
    }
}
