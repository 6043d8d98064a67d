package io.sluice.cdc.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/** A throw-away database {@code cdc_pg_<name>} on the test server, dropped with its slots on close. */
final class TestDatabase implements AutoCloseable {

    static final String HOST = "127.0.0.1";
    static final int PORT = 5432;
    static final String USER = "sluice";
    static final String PASSWORD = "sluice";

    final String name;

    TestDatabase(String suffix) throws SQLException {
        this.name = "cdc_pg_" + suffix;
        try (Connection admin = connect("sluice"); Statement st = admin.createStatement()) {
            dropEverything(st, name);
            st.execute("CREATE DATABASE " + name);
        }
    }

    static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + HOST + ":" + PORT + "/" + database, USER, PASSWORD);
    }

    Connection connect() throws SQLException {
        return connect(name);
    }

    /** Runs statements, each in its own implicit transaction. */
    void execute(String... statements) throws SQLException {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        }
    }

    /** Runs statements in one transaction. */
    void transaction(String... statements) throws SQLException {
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                for (String sql : statements) {
                    st.execute(sql);
                }
            }
            c.commit();
        }
    }

    /** The connector configuration for this database; {@code overrides} are added on top. */
    Map<String, String> config(String... overrides) {
        Map<String, String> config = new HashMap<>();
        config.put("database.hostname", HOST);
        config.put("database.port", String.valueOf(PORT));
        config.put("database.user", USER);
        config.put("database.password", PASSWORD);
        config.put("database.dbname", name);
        config.put("topic.prefix", "test");
        config.put("slot.name", name);
        config.put("publication.name", name);
        config.put("poll.interval.ms", "50");
        for (int i = 0; i + 1 < overrides.length; i += 2) {
            config.put(overrides[i], overrides[i + 1]);
        }
        return config;
    }

    @Override
    public void close() throws SQLException {
        try (Connection admin = connect("sluice"); Statement st = admin.createStatement()) {
            dropEverything(st, name);
        }
    }

    private static void dropEverything(Statement st, String database) throws SQLException {
        for (int i = 0; i < 50; i++) {
            st.execute("SELECT pg_terminate_backend(active_pid) FROM pg_replication_slots WHERE database = '" + database
                    + "' AND active_pid IS NOT NULL");
            st.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database
                    + "' AND pid <> pg_backend_pid()");
            try {
                st.execute("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE database = '"
                        + database + "'");
                break;
            } catch (SQLException e) {
                // the slot's walsender is still exiting
                try {
                    Thread.sleep(100);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
        st.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }
}
