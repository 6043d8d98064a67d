package io.sluice.jdbc.source.discovery;

import io.sluice.jdbc.source.ConnectionSettings;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** Lists the tables to copy: those of the wanted kinds in the catalog/schema patterns that pass the filter. */
public final class TableDiscovery {

    private final ConnectionSettings connections;
    private final String catalogPattern;
    private final String schemaPattern;
    private final List<String> tableTypes;
    private final TableFilter filter;

    public TableDiscovery(ConnectionSettings connections, String catalogPattern, String schemaPattern,
            List<String> tableTypes, TableFilter filter) {
        this.connections = connections;
        this.catalogPattern = catalogPattern;
        this.schemaPattern = schemaPattern;
        this.tableTypes = List.copyOf(tableTypes);
        this.filter = filter;
    }

    /** Opens a connection (with the configured retries), lists the tables and closes it. */
    public List<TableId> findTables() throws SQLException {
        try (Connection connection = connections.open()) {
            return findTables(connection);
        }
    }

    public List<TableId> findTables(Connection connection) throws SQLException {
        try {
            return connections.dialect().tables(connection, catalogPattern, schemaPattern, tableTypes).stream()
                    .filter(filter::accepts)
                    .toList();
        } finally {
            connection.rollback();
        }
    }
}
