package io.sluice.cdc.postgres.table;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads table definitions from pg_catalog. Not thread-safe: one per connection. */
public final class Catalog {

    private static final String LIST_TABLES = "SELECT n.nspname, c.relname FROM pg_catalog.pg_class c "
            + "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
            + "WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition "
            + "AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%' "
            + "AND n.nspname NOT LIKE 'pg_temp%' ORDER BY n.nspname, c.relname";

    private static final String TABLE = "SELECT c.oid, c.relreplident FROM pg_catalog.pg_class c "
            + "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
            + "WHERE n.nspname = ? AND c.relname = ? AND c.relkind IN ('r', 'p')";

    private static final String COLUMNS = "SELECT a.attname, a.attnum, a.atttypid, a.atttypmod, a.attnotnull, "
            + "pg_catalog.format_type(a.atttypid, a.atttypmod), "
            + "COALESCE(bt.typname, t.typname), COALESCE(bt.typcategory, t.typcategory), "
            + "CASE WHEN t.typtype = 'd' THEN t.typtypmod ELSE -1 END, "
            + "CASE WHEN COALESCE(bt.typtype, t.typtype) = 'e' THEN COALESCE(bt.oid, t.oid) "
            + "WHEN et.typtype = 'e' THEN et.oid ELSE 0 END "
            + "FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_type t ON t.oid = a.atttypid "
            + "LEFT JOIN pg_catalog.pg_type bt ON t.typtype = 'd' AND bt.oid = t.typbasetype "
            + "LEFT JOIN pg_catalog.pg_type et ON et.oid = COALESCE(bt.typelem, t.typelem) "
            + "AND COALESCE(bt.typcategory, t.typcategory) = 'A' "
            + "WHERE a.attrelid = ? AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = '' "
            + "ORDER BY a.attnum";

    private static final String PRIMARY_KEY = "SELECT a.attname FROM pg_catalog.pg_index i "
            + "CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord) "
            + "JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum "
            + "WHERE i.indrelid = ? AND i.indisprimary ORDER BY k.ord";

    private final Connection connection;
    private final Map<Long, List<String>> enumLabels = new HashMap<>();

    public Catalog(Connection connection) {
        this.connection = connection;
    }

    /** Every ordinary and partitioned table (partitions are reached through their root). */
    public List<TableId> listTables() throws SQLException {
        List<TableId> tables = new ArrayList<>();
        try (PreparedStatement st = connection.prepareStatement(LIST_TABLES); ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                tables.add(new TableId(rs.getString(1), rs.getString(2)));
            }
        }
        return tables;
    }

    /** The table's definition, or empty when it does not exist (any more). */
    public Optional<TableDefinition> read(TableId id) throws SQLException {
        long oid;
        char replicaIdentity;
        try (PreparedStatement st = connection.prepareStatement(TABLE)) {
            st.setString(1, id.schema());
            st.setString(2, id.table());
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                oid = rs.getLong(1);
                replicaIdentity = rs.getString(2).charAt(0);
            }
        }
        List<ColumnDefinition> columns = new ArrayList<>();
        try (PreparedStatement st = connection.prepareStatement(COLUMNS)) {
            st.setLong(1, oid);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    int typmod = rs.getInt(4);
                    int domainTypmod = rs.getInt(9);
                    long enumOid = rs.getLong(10);
                    columns.add(new ColumnDefinition(rs.getString(1), rs.getInt(2), (int) rs.getLong(3),
                            rs.getString(7), typmod >= 0 ? typmod : domainTypmod, rs.getString(6),
                            rs.getString(8).charAt(0), !rs.getBoolean(5), enumOid == 0 ? null : enumLabels(enumOid)));
                }
            }
        }
        List<String> primaryKey = new ArrayList<>();
        try (PreparedStatement st = connection.prepareStatement(PRIMARY_KEY)) {
            st.setLong(1, oid);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    primaryKey.add(rs.getString(1));
                }
            }
        }
        return Optional.of(new TableDefinition(id, List.copyOf(columns), List.copyOf(primaryKey), replicaIdentity));
    }

    private List<String> enumLabels(long enumOid) throws SQLException {
        List<String> labels = enumLabels.get(enumOid);
        if (labels == null) {
            List<String> read = new ArrayList<>();
            try (PreparedStatement st = connection.prepareStatement(
                    "SELECT enumlabel FROM pg_catalog.pg_enum WHERE enumtypid = ? ORDER BY enumsortorder")) {
                st.setLong(1, enumOid);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        read.add(rs.getString(1));
                    }
                }
            }
            labels = List.copyOf(read);
            enumLabels.put(enumOid, labels);
        }
        return labels;
    }

    /** pg_class.reltuples: the planner's row estimate, -1 when the table was never analyzed. */
    public long estimatedRows(TableId id) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement("SELECT c.reltuples::bigint FROM pg_catalog.pg_class c "
                + "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname = ?")) {
            st.setString(1, id.schema());
            st.setString(2, id.table());
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getLong(1) : -1;
            }
        }
    }
}
