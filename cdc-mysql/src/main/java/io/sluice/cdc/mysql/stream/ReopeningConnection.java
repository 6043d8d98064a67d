package io.sluice.cdc.mysql.stream;

import io.sluice.cdc.mysql.schema.CatalogConnection;
import io.sluice.cdc.mysql.server.MySqlServer;
import java.sql.Connection;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The binlog reader's information_schema connection, reopened when the server was restarted under it. */
final class ReopeningConnection implements CatalogConnection, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReopeningConnection.class);

    private final MySqlServer server;
    private Connection current;

    ReopeningConnection(MySqlServer server) {
        this.server = server;
    }

    @Override
    public Connection get() throws SQLException {
        if (current != null && !current.isValid(5)) {
            LOG.info("The information_schema connection was lost; reconnecting");
            close();
        }
        if (current == null) {
            current = server.connect();
        }
        return current;
    }

    @Override
    public void close() {
        if (current != null) {
            try {
                current.close();
            } catch (SQLException e) {
                LOG.warn("Closing the information_schema connection failed", e);
            }
            current = null;
        }
    }
}
