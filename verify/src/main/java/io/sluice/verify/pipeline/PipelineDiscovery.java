package io.sluice.verify.pipeline;

import io.sluice.verify.TableJob;
import io.sluice.verify.VerifyException;
import io.sluice.verify.db.DatabaseEndpoint;
import io.sluice.verify.db.TableName;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a running pipeline into table jobs. A pipeline named NAME is the source connector named NAME plus
 * every JDBC sink connector consuming its topics. The source writes table {@code schema.table} (a MariaDB
 * database counts as the schema) to topic {@code <topic.prefix>.<schema>.<table>}; a sink takes a topic when
 * it is in its {@code topics} list or matches its {@code topics.regex}, and writes it to the table named by
 * its {@code table.name.format}.
 */
public final class PipelineDiscovery {

    static final String POSTGRES_SOURCE = "io.sluice.cdc.postgres.PostgresSourceConnector";
    static final String MYSQL_SOURCE = "io.sluice.cdc.mysql.MySqlSourceConnector";
    static final Set<String> JDBC_SINKS = Set.of("io.sluice.jdbc.sink.JdbcSinkConnector",
            "io.debezium.connector.jdbc.JdbcSinkConnector");
    /** What a Connect worker shows instead of a password-type config value. */
    static final String HIDDEN = "[hidden]";

    private final ConnectorConfigs connectors;
    private final SourceTables sourceTables;
    private final Credentials overrides;

    /** Users and passwords given on the command line or in the environment; null where not given. */
    public record Credentials(String sourceUser, String sourcePassword, String targetUser, String targetPassword) {
    }

    public PipelineDiscovery(ConnectorConfigs connectors, SourceTables sourceTables, Credentials overrides) {
        this.connectors = connectors;
        this.sourceTables = sourceTables;
        this.overrides = overrides;
    }

    public List<TableJob> discover(String pipeline) throws VerifyException {
        Map<String, String> source = connectors.config(pipeline);
        String connectorClass = source.getOrDefault("connector.class", "");
        DatabaseEndpoint sourceEndpoint = sourceEndpoint(pipeline, source, connectorClass);
        String prefix = required(pipeline, source, "topic.prefix");

        List<TableName> tables = includedTables(source, connectorClass, sourceTables.list(sourceEndpoint));
        if (tables.isEmpty()) {
            throw new VerifyException("source connector " + pipeline + " captures no table that exists in " + sourceEndpoint);
        }
        List<Sink> sinks = new ArrayList<>();
        for (String name : connectors.connectorNames()) {
            if (name.equals(pipeline)) {
                continue;
            }
            Map<String, String> config = connectors.config(name);
            if (JDBC_SINKS.contains(config.getOrDefault("connector.class", ""))) {
                sinks.add(new Sink(name, config));
            }
        }
        List<TableJob> jobs = new ArrayList<>();
        for (TableName table : tables) {
            String topic = prefix + "." + table.schema() + "." + table.table();
            for (Sink sink : sinks) {
                if (sink.consumes(topic)) {
                    jobs.add(new TableJob(sourceEndpoint, table, sink.endpoint(overrides), sink.targetTable(topic, table)));
                }
            }
        }
        if (jobs.isEmpty()) {
            throw new VerifyException("no JDBC sink connector consumes the topics of pipeline " + pipeline
                    + " (expected topics like " + prefix + "." + tables.get(0).schema() + "." + tables.get(0).table() + ")");
        }
        return jobs;
    }

    private DatabaseEndpoint sourceEndpoint(String pipeline, Map<String, String> config, String connectorClass)
            throws VerifyException {
        if (!POSTGRES_SOURCE.equals(connectorClass) && !MYSQL_SOURCE.equals(connectorClass)) {
            throw new VerifyException("connector " + pipeline + " is a " + (connectorClass.isEmpty() ? "connector without class" : connectorClass)
                    + ", not a Sluice CDC source (" + POSTGRES_SOURCE + " or " + MYSQL_SOURCE + ")");
        }
        String host = required(pipeline, config, "database.hostname");
        String port = config.get("database.port");
        String url;
        if (POSTGRES_SOURCE.equals(connectorClass)) {
            url = "jdbc:postgresql://" + host + ":" + (port == null ? "5432" : port) + "/" + required(pipeline, config, "database.dbname");
        } else {
            url = "jdbc:mariadb://" + host + ":" + (port == null ? "3306" : port) + "/";
        }
        String user = overrides.sourceUser() != null ? overrides.sourceUser() : config.get("database.user");
        String password = password(overrides.sourcePassword(), config.get("database.password"),
                "source connector " + pipeline + "'s database.password", "--source-password",
                io.sluice.verify.cli.CommandLineParser.SOURCE_PASSWORD_ENV);
        return new DatabaseEndpoint(url, user, password);
    }

    /** The password to use: the one given to verify, else the config's own unless the worker hid it. */
    static String password(String given, String configured, String what, String option, String environment)
            throws VerifyException {
        if (given != null) {
            return given;
        }
        if (configured == null) {
            return null;
        }
        if (HIDDEN.equals(configured) || configured.startsWith("${")) {
            throw new VerifyException(what + " is hidden by the worker (" + (HIDDEN.equals(configured) ? HIDDEN : "a config provider reference")
                    + "); pass " + option + " or set " + environment);
        }
        return configured;
    }

    static List<TableName> includedTables(Map<String, String> config, String connectorClass, List<TableName> existing) {
        List<Pattern> tables = patterns(config.get("table.include.list"));
        List<Pattern> schemas = patterns(config.get(MYSQL_SOURCE.equals(connectorClass) ? "database.include.list" : "schema.include.list"));
        List<TableName> included = new ArrayList<>();
        for (TableName table : existing) {
            boolean schemaIncluded = schemas.isEmpty() || schemas.stream().anyMatch(p -> p.matcher(table.schema()).matches());
            boolean tableIncluded = tables.isEmpty() || tables.stream().anyMatch(p -> p.matcher(table.toString()).matches());
            if (schemaIncluded && tableIncluded) {
                included.add(table);
            }
        }
        return included;
    }

    /** Debezium-style include lists: comma-separated regular expressions matched against the whole name. */
    static List<Pattern> patterns(String list) {
        if (list == null || list.isBlank()) {
            return List.of();
        }
        return Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(s -> Pattern.compile(s, Pattern.CASE_INSENSITIVE)).toList();
    }

    private static String required(String connector, Map<String, String> config, String key) throws VerifyException {
        String value = config.get(key);
        if (value == null || value.isBlank()) {
            throw new VerifyException("connector " + connector + " has no " + key);
        }
        return value;
    }

    /** A JDBC sink connector's config, as far as verify needs it. */
    record Sink(String name, Map<String, String> config) {

        boolean consumes(String topic) {
            String topics = config.get("topics");
            if (topics != null && Arrays.stream(topics.split(",")).map(String::trim).anyMatch(topic::equals)) {
                return true;
            }
            String regex = config.get("topics.regex");
            return regex != null && !regex.isBlank() && Pattern.compile(regex).matcher(topic).matches();
        }

        /** The sink's table for a topic: {@code table} or {@code schema.table}, as the sink itself resolves it. */
        TableName targetTable(String topic, TableName source) throws VerifyException {
            String format = config.getOrDefault("table.name.format", "${source.table}");
            String name = format.replace("${topic}", topic)
                    .replace("${source.schema}", Objects.requireNonNullElse(source.schema(), ""))
                    .replace("${source.table}", source.table());
            if (name.chars().filter(c -> c == '.').count() > 1) {
                throw new VerifyException("sink connector " + this.name + "'s table.name.format " + format + " gives '" + name
                        + "' for topic " + topic + ", with more than one dot; the sink itself refuses such names");
            }
            try {
                return TableName.parse(name);
            } catch (IllegalArgumentException bad) {
                throw new VerifyException("sink connector " + this.name + "'s table.name.format " + format + ": " + bad.getMessage(), bad);
            }
        }

        DatabaseEndpoint endpoint(Credentials overrides) throws VerifyException {
            String url = config.get("connection.url");
            if (url == null || url.isBlank()) {
                throw new VerifyException("sink connector " + name + " has no connection.url");
            }
            String user = overrides.targetUser() != null ? overrides.targetUser()
                    : config.getOrDefault("connection.username", config.get("connection.user"));
            String password = password(overrides.targetPassword(), config.get("connection.password"),
                    "sink connector " + name + "'s connection.password", "--target-password",
                    io.sluice.verify.cli.CommandLineParser.TARGET_PASSWORD_ENV);
            return new DatabaseEndpoint(url, user, password);
        }
    }
}
