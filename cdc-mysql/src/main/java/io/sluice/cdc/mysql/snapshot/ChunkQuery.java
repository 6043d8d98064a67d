package io.sluice.cdc.mysql.snapshot;

import io.sluice.cdc.mysql.schema.ColumnDefinition;
import io.sluice.cdc.mysql.schema.TableDefinition;
import io.sluice.cdc.mysql.schema.TableId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The query that reads a table in primary key order, one chunk at a time, starting after the last key read. Keys
 * travel as text (the form they are stored in the offsets); the server compares them with the key columns' types.
 * Used by the initial snapshot and by incremental snapshots.
 */
public final class ChunkQuery {

    private static final Set<String> CHUNKABLE_KEY_TYPES = Set.of("tinyint", "smallint", "mediumint", "int",
            "integer", "bigint", "decimal", "numeric", "char", "varchar", "date", "datetime", "timestamp", "time",
            "year", "enum");

    private final int[] keyPositions;
    private final String first;
    private final String next;
    private final String firstUpTo;
    private final String nextUpTo;
    private final String lastKey;

    private ChunkQuery(TableDefinition definition, int[] keyPositions, int limit) {
        List<ColumnDefinition> columns = definition.columns();
        this.keyPositions = keyPositions;
        String select = "SELECT " + selectList(columns) + " FROM " + definition.id().quoted();
        String order = " ORDER BY " + orderBy(columns, keyPositions, "") + " LIMIT " + limit;
        String after = keyAfter(columns, keyPositions);
        this.first = select + order;
        this.next = select + " WHERE " + after + order;
        this.firstUpTo = select + " WHERE NOT " + after + order;
        this.nextUpTo = select + " WHERE " + after + " AND NOT " + after + order;
        List<ColumnDefinition> keyColumns = new ArrayList<>();
        for (int position : keyPositions) {
            keyColumns.add(columns.get(position));
        }
        this.lastKey = "SELECT " + selectList(keyColumns) + " FROM " + definition.id().quoted() + " ORDER BY "
                + orderBy(columns, keyPositions, " DESC") + " LIMIT 1";
    }

    /**
     * The columns to select, in table order, in the forms {@link RowReader} reads. Temporal columns come as text
     * made by the server ({@code CAST(... AS CHAR)}): the driver's own text for them is formatted anew for every
     * value, which took 40% of the snapshot thread's time in a profile of a table with one DATETIME(6) column.
     * No alias, so that ORDER BY still names the column itself.
     */
    public static String selectList(List<ColumnDefinition> columns) {
        return columns.stream().map(column -> {
            String quoted = TableId.quote(column.name());
            return switch (column.dataType()) {
                case "date", "datetime", "timestamp", "time" -> "CAST(" + quoted + " AS CHAR)";
                default -> quoted;
            };
        }).collect(Collectors.joining(", "));
    }

    /** The chunk query of a table, or null when its primary key cannot order chunks (none, or of another type). */
    public static ChunkQuery of(TableDefinition definition, int limit) {
        int[] positions = chunkKey(definition);
        return positions == null ? null : new ChunkQuery(definition, positions, limit);
    }

    /** The query's SQL: the first chunk when {@code after} is null, else the chunk after that key. */
    public String sql(List<String> after) {
        return sql(after, null);
    }

    /** As {@link #sql(List)}, and with {@code upTo} not null only rows with a key up to that one. */
    public String sql(List<String> after, List<String> upTo) {
        if (upTo == null) {
            return after == null ? first : next;
        }
        return after == null ? firstUpTo : nextUpTo;
    }

    /** Binds the key the chunk starts after (nothing for the first chunk). */
    public void bind(PreparedStatement statement, List<String> after) throws SQLException {
        bind(statement, after, null);
    }

    /** Binds the keys of {@link #sql(List, List)}. */
    public void bind(PreparedStatement statement, List<String> after, List<String> upTo) throws SQLException {
        int index = bindKey(statement, 1, after);
        bindKey(statement, index, upTo);
    }

    private static int bindKey(PreparedStatement statement, int index, List<String> key) throws SQLException {
        if (key == null) {
            return index;
        }
        for (int k = 0; k < key.size(); k++) {
            for (int j = 0; j <= k; j++) {
                statement.setString(index++, key.get(j));
            }
        }
        return index;
    }

    /** The highest key of the table now, as text; null when the table is empty. */
    public List<String> lastKey(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(lastKey)) {
            if (!result.next()) {
                return null;
            }
            List<String> key = new ArrayList<>(keyPositions.length);
            for (int k = 0; k < keyPositions.length; k++) {
                key.add(result.getString(k + 1));
            }
            return key;
        }
    }

    /** The key of the current row of a chunk's result, as text. */
    public List<String> keyText(ResultSet result) throws SQLException {
        List<String> key = new ArrayList<>(keyPositions.length);
        for (int position : keyPositions) {
            key.add(result.getString(position + 1));
        }
        return key;
    }

    /** Positions of the primary key columns when they can be compared through their text form, else null. */
    private static int[] chunkKey(TableDefinition definition) {
        List<String> primaryKey = definition.primaryKey();
        if (primaryKey.isEmpty()) {
            return null;
        }
        int[] positions = new int[primaryKey.size()];
        for (int k = 0; k < positions.length; k++) {
            ColumnDefinition column = definition.column(primaryKey.get(k));
            if (column == null || !CHUNKABLE_KEY_TYPES.contains(column.dataType())) {
                return null;
            }
            positions[k] = definition.columns().indexOf(column);
        }
        return positions;
    }

    private static String orderBy(List<ColumnDefinition> columns, int[] keyPositions, String direction) {
        List<String> parts = new ArrayList<>();
        for (int position : keyPositions) {
            parts.add(TableId.quote(columns.get(position).name()) + direction);
        }
        return String.join(", ", parts);
    }

    /** {@code k1 > ? OR (k1 = ? AND k2 > ?) OR ...}: an index range on the key, unlike a row comparison everywhere. */
    private static String keyAfter(List<ColumnDefinition> columns, int[] keyPositions) {
        List<String> alternatives = new ArrayList<>();
        for (int k = 0; k < keyPositions.length; k++) {
            List<String> terms = new ArrayList<>();
            for (int j = 0; j < k; j++) {
                terms.add(TableId.quote(columns.get(keyPositions[j]).name()) + " = ?");
            }
            terms.add(TableId.quote(columns.get(keyPositions[k]).name()) + " > ?");
            alternatives.add("(" + String.join(" AND ", terms) + ")");
        }
        return "(" + String.join(" OR ", alternatives) + ")";
    }
}
