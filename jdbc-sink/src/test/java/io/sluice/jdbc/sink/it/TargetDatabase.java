package io.sluice.jdbc.sink.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A database of its own for one test class, on the real PostgreSQL or MariaDB of the machine. */
abstract class TargetDatabase implements AutoCloseable {

    final String name;

    TargetDatabase(String name) {
        this.name = name;
    }

    abstract String url();

    /** The port of {@link #url()}: where a proxy in front of the database forwards to. */
    int port() {
        return java.net.URI.create(url().substring("jdbc:".length())).getPort();
    }

    /** {@link #url()} reached through a local proxy listening on {@code proxyPort}. */
    String urlThrough(int proxyPort) {
        return url().replaceFirst("//[^/]+/", "//127.0.0.1:" + proxyPort + "/");
    }

    abstract String adminUrl();

    abstract String quote(String identifier);

    /**
     * Whether the sink can ask, after losing the connection during a commit, whether that commit happened
     * (PostgreSQL's {@code txid_status}); MySQL and MariaDB cannot, so there a flush may be written twice.
     */
    abstract boolean tellsCommitOutcome();

    /** Ends every session of the sink on this database, as a database restart would. */
    abstract void killSinkSessions() throws SQLException;

    abstract void create() throws SQLException;

    /** Drops a schema (PostgreSQL) or database (MySQL, MariaDB) a test created. */
    abstract void dropSchema(String schema) throws SQLException;

    abstract void drop() throws SQLException;

    @Override
    public void close() throws SQLException {
        drop();
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), "sluice", "sluice");
    }

    void execute(String... sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String statement : sql) {
                s.execute(statement);
            }
        }
    }

    /** Every row of a query, each as column label → value. */
    List<Map<String, Object>> rows(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<Map<String, Object>> rows = new ArrayList<>();
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.put(meta.getColumnLabel(i), rs.getObject(i));
                }
                rows.add(row);
            }
            return rows;
        }
    }

    long count(String table) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + quote(table))) {
            rs.next();
            return rs.getLong(1);
        }
    }

    boolean tableExists(String table) throws SQLException {
        try (Connection c = connect(); ResultSet rs = c.getMetaData().getTables(c.getCatalog(), null, table, null)) {
            while (rs.next()) {
                if (rs.getString("TABLE_NAME").equals(table)) {
                    return true;
                }
            }
            return false;
        }
    }

    static final class Postgres extends TargetDatabase {
        Postgres(String name) {
            super(name);
        }

        @Override
        String url() {
            return "jdbc:postgresql://127.0.0.1:5432/" + name;
        }

        @Override
        String adminUrl() {
            return "jdbc:postgresql://127.0.0.1:5432/sluice";
        }

        @Override
        String quote(String identifier) {
            return '"' + identifier.replace("\"", "\"\"") + '"';
        }

        @Override
        void create() throws SQLException {
            drop();
            admin("CREATE DATABASE " + name);
        }

        @Override
        void drop() throws SQLException {
            admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }

        @Override
        void dropSchema(String schema) throws SQLException {
            execute("DROP SCHEMA IF EXISTS " + quote(schema) + " CASCADE");
        }

        @Override
        boolean tellsCommitOutcome() {
            return true;
        }

        @Override
        void killSinkSessions() throws SQLException {
            admin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name
                    + "' AND pid <> pg_backend_pid()");
        }

        private void admin(String sql) throws SQLException {
            try (Connection c = DriverManager.getConnection(adminUrl(), "sluice", "sluice");
                 Statement s = c.createStatement()) {
                s.execute(sql);
            }
        }
    }

    /** MySQL 8 in a container, reached through MySQL's own driver. */
    static final class MySql extends MariaDb {
        private final String base;

        MySql(String name, String base) {
            super(name);
            this.base = base;
        }

        @Override
        String url() {
            return base + name;
        }

        @Override
        String adminUrl() {
            return base;
        }
    }

    static class MariaDb extends TargetDatabase {
        MariaDb(String name) {
            super(name);
        }

        @Override
        String url() {
            return "jdbc:mariadb://127.0.0.1:3306/" + name;
        }

        @Override
        String adminUrl() {
            return "jdbc:mariadb://127.0.0.1:3306/";
        }

        @Override
        String quote(String identifier) {
            return '`' + identifier.replace("`", "``") + '`';
        }

        @Override
        void create() throws SQLException {
            drop();
            admin("CREATE DATABASE " + name + " CHARACTER SET utf8mb4");
        }

        @Override
        void drop() throws SQLException {
            admin("DROP DATABASE IF EXISTS " + name);
        }

        @Override
        void dropSchema(String schema) throws SQLException {
            admin("DROP DATABASE IF EXISTS " + quote(schema));
        }

        @Override
        boolean tellsCommitOutcome() {
            return false;
        }

        @Override
        void killSinkSessions() throws SQLException {
            try (Connection c = DriverManager.getConnection(adminUrl(), "sluice", "sluice");
                 Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT id FROM information_schema.processlist WHERE db = '" + name
                         + "' AND id <> CONNECTION_ID()")) {
                List<Long> ids = new ArrayList<>();
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
                for (Long id : ids) {
                    try (Statement kill = c.createStatement()) {
                        kill.execute("KILL CONNECTION " + id);
                    }
                }
            }
        }

        private void admin(String sql) throws SQLException {
            try (Connection c = DriverManager.getConnection(adminUrl(), "sluice", "sluice");
                 Statement s = c.createStatement()) {
                s.execute(sql);
            }
        }
    }
}
