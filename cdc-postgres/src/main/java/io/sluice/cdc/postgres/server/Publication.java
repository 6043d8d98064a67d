package io.sluice.cdc.postgres.server;

import io.sluice.cdc.postgres.config.ReplicationConfig.PublicationAutocreateMode;
import io.sluice.cdc.postgres.table.TableId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Makes sure the publication the stream reads exists and, in filtered mode, lists the captured tables. */
public final class Publication {

    private static final Logger LOG = LoggerFactory.getLogger(Publication.class);

    private Publication() {
    }

    public static boolean exists(Connection sql, String name) throws SQLException {
        try (PreparedStatement st = sql.prepareStatement("SELECT 1 FROM pg_catalog.pg_publication WHERE pubname = ?")) {
            st.setString(1, name);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next();
            }
        }
    }

    public static void ensure(Connection sql, String name, PublicationAutocreateMode mode, List<TableId> tables)
            throws SQLException {
        boolean exists = exists(sql, name);
        String quoted = TableId.quote(name);
        switch (mode) {
            case DISABLED:
                if (!exists) {
                    throw new ConnectException("Publication " + name + " does not exist and publication.autocreate.mode "
                            + "is disabled. Create it (CREATE PUBLICATION " + quoted + " FOR TABLE ...) or change the mode.");
                }
                break;
            case ALL_TABLES:
                if (!exists) {
                    LOG.info("Creating publication {} FOR ALL TABLES", name);
                    execute(sql, "CREATE PUBLICATION " + quoted + " FOR ALL TABLES WITH (publish_via_partition_root = true)");
                }
                break;
            case FILTERED:
                if (tables.isEmpty()) {
                    throw new ConnectException("No table matches the include/exclude lists, so the filtered publication "
                            + name + " would be empty. Check table.include.list and schema.include.list.");
                }
                String list = tables.stream().map(TableId::quoted).collect(Collectors.joining(", "));
                if (exists) {
                    LOG.info("Setting the tables of publication {} to {}", name, tables);
                    execute(sql, "ALTER PUBLICATION " + quoted + " SET TABLE " + list);
                } else {
                    LOG.info("Creating publication {} for {}", name, tables);
                    execute(sql, "CREATE PUBLICATION " + quoted + " FOR TABLE " + list
                            + " WITH (publish_via_partition_root = true)");
                }
                break;
            default:
                throw new IllegalStateException(mode.toString());
        }
    }

    private static void execute(Connection sql, String statement) throws SQLException {
        try (Statement st = sql.createStatement()) {
            st.execute(statement);
        }
    }
}
