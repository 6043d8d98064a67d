package io.sluice.jdbc.source;

import static io.sluice.jdbc.source.config.JdbcSourceConfig.CONNECTION_PASSWORD_CONFIG;
import static io.sluice.jdbc.source.config.JdbcSourceConfig.CONNECTION_URL_CONFIG;
import static io.sluice.jdbc.source.config.JdbcSourceConfig.QUERY_CONFIG;
import static io.sluice.jdbc.source.config.JdbcSourceConfig.TABLE_INCLUDE_LIST_CONFIG;
import static io.sluice.jdbc.source.config.JdbcSourceConfig.TABLE_WHITELIST_CONFIG;

import io.sluice.jdbc.source.config.JdbcSourceConfig;
import io.sluice.jdbc.source.dialect.Dialect;
import io.sluice.jdbc.source.dialect.Dialects;
import io.sluice.jdbc.source.discovery.ColumnCheck;
import io.sluice.jdbc.source.discovery.TableDiscovery;
import io.sluice.jdbc.source.discovery.TableFilter;
import io.sluice.jdbc.source.discovery.TableId;
import io.sluice.jdbc.source.query.ReadTarget;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The part of validation that asks the database: can we log in, do the listed tables exist, do they (or the
 * query's result) have the mode's and the key's columns. Each problem is reported on the setting to fix.
 */
final class DatabaseCheck {

    private DatabaseCheck() {
    }

    /** Config name → problem; empty when the database fits the config. */
    static Map<String, String> check(JdbcSourceConfig config) {
        Map<String, String> problems = new LinkedHashMap<>();
        Dialect dialect = Dialects.choose(config.dialectName(), config.connectionUrl(), config.quoteIdentifiers());
        ConnectionSettings settings = ConnectionSettings.of(config, dialect);
        ColumnCheck columnCheck = new ColumnCheck(config.incrementingColumn(), config.timestampColumns(),
                config.keyColumns(), config.validateNonNull());
        try (Connection connection = settings.openOnce()) {
            if (config.query() != null) {
                checkQuery(connection, config.query(), columnCheck, problems);
            } else {
                checkTables(connection, config, settings, columnCheck, problems);
            }
            connection.rollback();
        } catch (SQLException e) {
            // SQLState class 28 is "invalid authorization" in both PostgreSQL and MySQL/MariaDB.
            boolean login = e.getSQLState() != null && e.getSQLState().startsWith("28");
            problems.putIfAbsent(login ? CONNECTION_PASSWORD_CONFIG : CONNECTION_URL_CONFIG,
                    (login ? "Login refused: " : "Cannot connect: ") + e.getMessage());
        }
        return problems;
    }

    private static void checkQuery(Connection connection, String query, ColumnCheck columnCheck,
            Map<String, String> problems) {
        ReadTarget target = ReadTarget.query(query, "");
        String probe = "SELECT * FROM " + target.from() + " WHERE 1 = 0";
        try (PreparedStatement statement = connection.prepareStatement(probe);
                ResultSet result = statement.executeQuery()) {
            ResultSetMetaData metaData = result.getMetaData();
            Map<String, Boolean> columns = new LinkedHashMap<>();
            for (int i = 1; i <= metaData.getColumnCount(); i++) {
                columns.put(metaData.getColumnLabel(i), metaData.isNullable(i) != ResultSetMetaData.columnNoNulls);
            }
            // A query's result does not say reliably whether a column can be NULL: check names only.
            new ColumnCheck(columnCheck.incrementingColumn(), columnCheck.timestampColumns(),
                    columnCheck.keyColumns(), false).problems("the query", columns).forEach(problems::putIfAbsent);
        } catch (SQLException e) {
            problems.put(QUERY_CONFIG, "The query fails: " + e.getMessage());
        }
    }

    private static void checkTables(Connection connection, JdbcSourceConfig config, ConnectionSettings settings,
            ColumnCheck columnCheck, Map<String, String> problems) throws SQLException {
        TableDiscovery discovery = new TableDiscovery(settings, config.catalogPattern(), config.schemaPattern(),
                config.tableTypes(), new TableFilter(config.includedTables(), config.excludedTables()));
        List<TableId> tables = discovery.findTables(connection);
        for (String wanted : config.includedTables()) {
            if (tables.stream().noneMatch(t -> t.matches(wanted))) {
                String field = config.getList(TABLE_INCLUDE_LIST_CONFIG).isEmpty()
                        ? TABLE_WHITELIST_CONFIG : TABLE_INCLUDE_LIST_CONFIG;
                problems.putIfAbsent(field, "table '" + wanted + "' was not found (searched catalog "
                        + config.catalogPattern() + ", schema " + config.schemaPattern() + ", types "
                        + config.tableTypes() + ")");
            }
        }
        for (TableId table : tables) {
            Map<String, Boolean> columns = settings.dialect().columnsNullable(connection, table);
            columnCheck.problems("table " + table.qualifiedName(), columns).forEach(problems::putIfAbsent);
        }
    }
}
