package io.sluice.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Connector configs per system. Sluice takes Debezium's (source) and Debezium's/Confluent's (sink) names,
 * so both systems get the same throughput settings; what only one of them knows is set for that one.
 * Every setting here is printed in the report.
 */
final class ConnectorConfigs {
    static final String AVRO_CONVERTER = "io.sluice.schema.avro.AvroConverter";
    private final Options o;

    ConnectorConfigs(Options o) { this.o = o; }

    static String pgSourceClass(String system) {
        return system.equals("sluice") ? "io.sluice.cdc.postgres.PostgresSourceConnector" : "io.debezium.connector.postgresql.PostgresConnector";
    }

    static String mySourceClass(String system) {
        // Debezium's MySqlConnector refuses MariaDB 10.11 (it asks for SHOW BINARY LOG STATUS); MariaDB has its own.
        return system.equals("sluice") ? "io.sluice.cdc.mysql.MySqlSourceConnector" : "io.debezium.connector.mariadb.MariaDbConnector";
    }

    static String sinkClass(String system) {
        return system.equals("sluice") ? "io.sluice.jdbc.sink.JdbcSinkConnector" : "io.debezium.connector.jdbc.JdbcSinkConnector";
    }

    Map<String, String> pgSource(String system, String prefix, String slot, String publication, String table, String snapshotMode) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("connector.class", pgSourceClass(system));
        c.put("tasks.max", "1");
        c.put("database.hostname", o.pgHost);
        c.put("database.port", String.valueOf(o.pgPort));
        c.put("database.user", o.dbUser);
        c.put("database.password", o.dbPassword);
        c.put("database.dbname", o.database);
        c.put("topic.prefix", prefix);
        c.put("plugin.name", "pgoutput");
        c.put("slot.name", slot);
        c.put("publication.name", publication);
        // The bench creates the publication itself (FOR TABLE), so neither system needs FOR ALL TABLES rights.
        c.put("publication.autocreate.mode", "disabled");
        c.put("table.include.list", "public." + table);
        c.put("snapshot.mode", snapshotMode);
        c.put("tombstones.on.delete", "false");
        sourceThroughput(c);
        converters(c);
        return c;
    }

    Map<String, String> mySource(String system, String prefix, int serverId, String table, String snapshotMode) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("connector.class", mySourceClass(system));
        c.put("tasks.max", "1");
        c.put("database.hostname", o.myHost);
        c.put("database.port", String.valueOf(o.myPort));
        c.put("database.user", o.dbUser);
        c.put("database.password", o.dbPassword);
        c.put("database.server.id", String.valueOf(serverId));
        // The MariaDB connector takes the MariaDB driver's names (disable, trust, verify-ca, verify-full).
        c.put("database.ssl.mode", system.equals("sluice") ? "disabled" : "disable");
        c.put("topic.prefix", prefix);
        c.put("database.include.list", o.database);
        c.put("table.include.list", o.database + "." + table);
        c.put("snapshot.mode", snapshotMode);
        c.put("include.schema.changes", "false");
        c.put("tombstones.on.delete", "false");
        if (!system.equals("sluice")) {
            // Debezium's MariaDB connector keeps DDL history in a topic; Sluice reads table metadata from the binlog.
            c.put("schema.history.internal.kafka.bootstrap.servers", o.kafka);
            c.put("schema.history.internal.kafka.topic", prefix + ".schema-history");
            c.put("schema.history.internal.store.only.captured.tables.ddl", "true");
            c.put("schema.history.internal.store.only.captured.databases.ddl", "true");
        }
        sourceThroughput(c);
        converters(c);
        return c;
    }

    Map<String, String> sink(String system, String topic, String jdbcUrl, String table) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("connector.class", sinkClass(system));
        c.put("tasks.max", "1");
        c.put("topics", topic);
        c.put("connection.url", jdbcUrl);
        c.put("connection.username", o.dbUser);
        c.put("connection.password", o.dbPassword);
        c.put("insert.mode", "upsert");
        c.put("primary.key.mode", "record_key");
        c.put("delete.enabled", "false");
        c.put("schema.evolution", "none");
        c.put("batch.size", String.valueOf(o.sinkBatch));
        if (system.equals("sluice")) {
            c.put("table.name.format", table);
        } else {
            c.put("collection.name.format", table);
        }
        // Feed whole batches to put(): the consumer returns at most max.poll.records per poll.
        c.put("consumer.override.max.poll.records", String.valueOf(o.sinkBatch));
        c.put("consumer.override.fetch.min.bytes", "1");
        c.put("consumer.override.max.partition.fetch.bytes", String.valueOf(8 * 1024 * 1024));
        c.put("consumer.override.auto.offset.reset", "earliest");
        converters(c);
        return c;
    }

    /** Debezium's tuning guide: bigger batches and queue; the producer batches and compresses. */
    private void sourceThroughput(Map<String, String> c) {
        c.put("max.batch.size", String.valueOf(o.sourceBatch));
        c.put("max.queue.size", String.valueOf(o.sourceQueue));
        c.put("poll.interval.ms", "100");
        c.put("producer.override.linger.ms", "20");
        c.put("producer.override.batch.size", String.valueOf(512 * 1024));
        c.put("producer.override.compression.type", "lz4");
        c.put("producer.override.buffer.memory", String.valueOf(64L * 1024 * 1024));
    }

    /** The run's converters, for a connector the bench configures itself. */
    void runConverters(Map<String, String> c) { converters(c); }

    private void converters(Map<String, String> c) {
        if (o.avro()) {
            for (String side : new String[] {"key", "value"}) {
                c.put(side + ".converter", AVRO_CONVERTER);
                c.put(side + ".converter.schema.registry.url", o.registryUrl);
            }
        } else {
            // Spelled out so that the report shows it; both systems get the same converter.
            c.put("key.converter", o.jsonConverterClass());
            c.put("key.converter.schemas.enable", "true");
            c.put("value.converter", o.jsonConverterClass());
            c.put("value.converter.schemas.enable", "true");
        }
    }
}
