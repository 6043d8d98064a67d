package io.sluice.jdbc.source;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/** A scratch database {@code jdbc_src_<name>} on the local PostgreSQL or MariaDB, dropped on close. */
final class TestDatabase implements AutoCloseable {

    enum Engine {
        POSTGRES("jdbc:postgresql://127.0.0.1:5432/"),
        MARIADB("jdbc:mariadb://127.0.0.1:3306/");

        final String urlPrefix;

        Engine(String urlPrefix) {
            this.urlPrefix = urlPrefix;
        }
    }

    static final String USER = "sluice";
    static final String PASSWORD = "sluice";

    final Engine engine;
    final String name;

    private TestDatabase(Engine engine, String name) {
        this.engine = engine;
        this.name = name;
    }

    static TestDatabase create(Engine engine, String suffix) throws SQLException {
        String name = "jdbc_src_" + suffix;
        try (Connection admin = DriverManager.getConnection(engine.urlPrefix + "sluice", USER, PASSWORD);
                Statement statement = admin.createStatement()) {
            if (engine == Engine.POSTGRES) {
                statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            } else {
                statement.execute("DROP DATABASE IF EXISTS " + name);
            }
            statement.execute("CREATE DATABASE " + name);
        }
        return new TestDatabase(engine, name);
    }

    String url() {
        return engine.urlPrefix + name;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), USER, PASSWORD);
    }

    void execute(String... sql) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            for (String one : sql) {
                statement.execute(one);
            }
        }
    }

    /** The SQL type of an auto-numbered id column and of a microsecond timestamp in this engine. */
    String idType() {
        return engine == Engine.POSTGRES ? "BIGSERIAL PRIMARY KEY" : "BIGINT AUTO_INCREMENT PRIMARY KEY";
    }

    String timestampType() {
        return engine == Engine.POSTGRES ? "TIMESTAMP(6)" : "DATETIME(6)";
    }

    /** The database clock, as an SQL expression that changes during a transaction. */
    String clock() {
        return engine == Engine.POSTGRES ? "clock_timestamp()::timestamp" : "NOW(6)";
    }

    /** The connector settings every test needs; tests add the mode and their own. */
    Map<String, String> sourceConfig() {
        Map<String, String> config = new HashMap<>();
        config.put("connection.url", url());
        config.put("connection.user", USER);
        config.put("connection.password", PASSWORD);
        config.put("connection.backoff.ms", "100");
        config.put("topic.prefix", "src.");
        config.put("poll.interval.ms", "100");
        config.put("timestamp.delay.interval.ms", "300");
        if (engine == Engine.POSTGRES) {
            config.put("schema.pattern", "public");
        }
        return config;
    }

    @Override
    public void close() throws SQLException {
        try (Connection admin = DriverManager.getConnection(engine.urlPrefix + "sluice", USER, PASSWORD);
                Statement statement = admin.createStatement()) {
            statement.execute(engine == Engine.POSTGRES
                    ? "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)" : "DROP DATABASE IF EXISTS " + name);
        }
    }
}
