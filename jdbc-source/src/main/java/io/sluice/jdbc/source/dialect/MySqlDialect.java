package io.sluice.jdbc.source.dialect;

import io.sluice.jdbc.source.discovery.TableId;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Calendar;
import java.util.Locale;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MySQL and MariaDB: backtick quoting, {@code NOW(6)} for microseconds, databases as catalogs. The session time
 * zone is set to {@code db.timezone} so that TIMESTAMP columns, {@code NOW(6)} and the bound offsets all speak
 * the zone the source reads DATETIME values in.
 */
public class MySqlDialect extends Dialect {

    private static final Logger LOG = LoggerFactory.getLogger(MySqlDialect.class);

    public MySqlDialect(boolean quoteIdentifiers) {
        super(quoteIdentifiers);
    }

    @Override
    public String name() {
        return "mysql";
    }

    @Override
    protected String quoteCharacter() {
        return "`";
    }

    @Override
    public String currentTimestampQuery() {
        return "SELECT NOW(6)";
    }

    /**
     * MariaDB Connector/J reads through server-side prepared statements, whose results come in the binary protocol:
     * numbers and temporals as fixed-width binary instead of text the driver parses. A plain JDBC loop over the
     * bench table read 320k-490k rows/s as text and 480k-840k binary, streaming as before (fetch size, constant
     * memory). The driver's getters return the same values either way ({@code TypesIT} checks both). Only for
     * {@code jdbc:mariadb:} URLs, and only when the URL does not set {@code useServerPrepStmts} itself; other
     * drivers (MySQL's Connector/J buffers a server-prepared result unless it uses a cursor) are left as they are.
     */
    @Override
    public void addDriverProperties(String url, Properties properties) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:mariadb:") && !lower.contains("useserverprepstmts")) {
            properties.setProperty("useServerPrepStmts", "true");
        }
    }

    @Override
    public void prepare(Connection connection, Calendar zone) throws SQLException {
        super.prepare(connection, zone);
        String sessionZone = sessionZone(zone.getTimeZone().toZoneId());
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET time_zone = '" + sessionZone + "'");
        } catch (SQLException e) {
            // Region names need the server's time zone tables; without them DATETIME values are still read in
            // db.timezone, but TIMESTAMP columns and NOW(6) stay in the server's zone.
            LOG.warn("Cannot set the session time zone to {} ({}); load the server's time zone tables or use a "
                    + "fixed offset such as +01:00 in db.timezone", sessionZone, e.getMessage());
        }
        connection.commit();
    }

    /**
     * A fixed-offset zone as '+hh:mm', which needs no time zone tables on the server; a region id by name (the
     * server then needs its time zone tables loaded).
     */
    static String sessionZone(ZoneId zone) {
        ZoneId normalized = zone.normalized();
        if (normalized instanceof ZoneOffset offset) {
            String id = offset.getId();
            return "Z".equals(id) ? "+00:00" : id;
        }
        String id = zone.getId();
        if (!id.matches("[A-Za-z0-9_/+\\-]+")) {
            throw new IllegalArgumentException("Unexpected time zone id " + id);
        }
        return id;
    }

    /** The server's own databases, listed when the URL names no database. */
    @Override
    protected boolean isSystemSchema(TableId table) {
        String database = table.catalog() == null ? "" : table.catalog().toLowerCase(Locale.ROOT);
        return super.isSystemSchema(table) || database.equals("mysql") || database.equals("information_schema")
                || database.equals("performance_schema") || database.equals("sys");
    }

    @Override
    protected String defaultCatalog(Connection connection) throws SQLException {
        return connection.getCatalog();
    }
}
