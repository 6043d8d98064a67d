package io.sluice.verify.compare;

import io.sluice.verify.db.TableName;
import io.sluice.verify.dialect.Column;
import io.sluice.verify.dialect.ColumnKind;
import io.sluice.verify.dialect.Dialect;
import io.sluice.verify.table.ComparedColumn;
import io.sluice.verify.table.TablePairing;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** One side of a comparison: a table in one database, and the read-only queries verify runs on it. */
public final class TableSide {

    private static final int FETCH_SIZE = 1000;
    private static final String TABLE_ALIAS = "t";

    private final Connection connection;
    private final Dialect dialect;
    private final TableName table;
    private final List<Column> columns;
    private final List<Column> keys;
    private final List<ColumnKind> columnKinds;
    private final List<ColumnKind> keyKinds;
    private final boolean binaryText;
    private long rowsFetched;

    TableSide(Connection connection, Dialect dialect, TableName table, List<Column> columns, List<ColumnKind> columnKinds,
              List<Column> keys, List<ColumnKind> keyKinds, boolean binaryText) {
        this.connection = connection;
        this.dialect = dialect;
        this.table = table;
        this.columns = columns;
        this.columnKinds = columnKinds;
        this.keys = keys;
        this.keyKinds = keyKinds;
        this.binaryText = binaryText;
    }

    public static TableSide source(Connection connection, Dialect dialect, TablePairing pairing) {
        return new TableSide(connection, dialect, pairing.source(),
                pairing.columns().stream().map(ComparedColumn::source).toList(), kinds(pairing.columns()),
                pairing.key().stream().map(ComparedColumn::source).toList(), kinds(pairing.key()), pairing.binaryTextOrder());
    }

    public static TableSide target(Connection connection, Dialect dialect, TablePairing pairing) {
        return new TableSide(connection, dialect, pairing.target(),
                pairing.columns().stream().map(ComparedColumn::target).toList(), kinds(pairing.columns()),
                pairing.key().stream().map(ComparedColumn::target).toList(), kinds(pairing.key()), pairing.binaryTextOrder());
    }

    private static List<ColumnKind> kinds(List<ComparedColumn> columns) {
        return columns.stream().map(ComparedColumn::kind).toList();
    }

    /** Rows fetched one by one so far (drill-down only; checksums fetch none). */
    public long rowsFetched() {
        return rowsFetched;
    }

    public String checksumSql(KeyRange range) {
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            tokens.add(dialect.token(dialect.canonicalText(columns.get(i), columnKinds.get(i)), columnKinds.get(i)));
        }
        return "SELECT COUNT(*), SUM(" + dialect.hashSlice("h", 1) + "), SUM(" + dialect.hashSlice("h", 16) + ")"
                + " FROM (SELECT " + dialect.rowHash(tokens) + " AS h FROM " + from()
                + where(range) + ") chunk";
    }

    public String boundarySql(KeyRange range) {
        return "SELECT " + keyTexts() + " FROM " + from() + where(range)
                + " ORDER BY " + String.join(", ", keyOrders()) + " LIMIT 1 OFFSET ?";
    }

    public String rowsSql(KeyRange range) {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            texts.add(dialect.canonicalText(columns.get(i), columnKinds.get(i)));
        }
        return "SELECT " + keyTexts() + ", " + String.join(", ", texts) + " FROM " + from() + where(range);
    }

    public ChunkChecksum checksum(KeyRange range) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(checksumSql(range))) {
            bind(statement, range, 1);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return new ChunkChecksum(rows.getLong(1), bigInteger(rows.getBigDecimal(2)), bigInteger(rows.getBigDecimal(3)));
            }
        }
    }

    private static BigInteger bigInteger(BigDecimal sum) {
        return sum == null ? BigInteger.ZERO : sum.toBigIntegerExact();
    }

    /** The key {@code offset} rows into the range in key order, or null when the range has fewer rows. */
    public List<String> keyAt(KeyRange range, long offset) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(boundarySql(range))) {
            int next = bind(statement, range, 1);
            statement.setLong(next, offset);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? readKey(rows) : null;
            }
        }
    }

    /** Streams the range's rows as canonical texts, in no particular order. */
    public void forEachRow(KeyRange range, Consumer<Row> consumer) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(rowsSql(range))) {
            statement.setFetchSize(FETCH_SIZE);
            bind(statement, range, 1);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    List<String> values = new ArrayList<>(columns.size());
                    for (int i = 0; i < columns.size(); i++) {
                        values.add(rows.getString(keys.size() + i + 1));
                    }
                    rowsFetched++;
                    consumer.accept(new Row(readKey(rows), values));
                }
            }
        }
    }

    private List<String> readKey(ResultSet rows) throws SQLException {
        List<String> key = new ArrayList<>(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            key.add(rows.getString(i + 1));
        }
        return key;
    }

    private String from() {
        return dialect.qualified(table) + " " + TABLE_ALIAS;
    }

    private String keyTexts() {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            texts.add(dialect.canonicalText(keys.get(i), keyKinds.get(i)));
        }
        return String.join(", ", texts);
    }

    private List<String> keyOrders() {
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            orders.add(dialect.keyOrder(TABLE_ALIAS, keys.get(i), keyKinds.get(i), binaryText));
        }
        return orders;
    }

    private String where(KeyRange range) {
        List<String> conditions = new ArrayList<>();
        if (range.hasLower()) {
            conditions.add(comparison(">"));
        }
        if (range.hasUpper()) {
            conditions.add(comparison("<="));
        }
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    private String comparison(String operator) {
        List<String> parameters = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            parameters.add(dialect.keyParameter(keys.get(i), keyKinds.get(i), binaryText));
        }
        List<String> orders = keyOrders();
        if (keys.size() == 1) {
            return orders.get(0) + " " + operator + " " + parameters.get(0);
        }
        return "(" + String.join(", ", orders) + ") " + operator + " (" + String.join(", ", parameters) + ")";
    }

    private int bind(PreparedStatement statement, KeyRange range, int first) throws SQLException {
        int index = first;
        if (range.hasLower()) {
            index = bindKey(statement, range.after(), index);
        }
        if (range.hasUpper()) {
            index = bindKey(statement, range.upTo(), index);
        }
        return index;
    }

    private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    /** Integer keys go as BIGINT so PostgreSQL compares int to int8 and uses the index (int to numeric would not). */
    private static boolean fitsLong(BigDecimal number) {
        return number.stripTrailingZeros().scale() <= 0 && number.compareTo(LONG_MIN) >= 0 && number.compareTo(LONG_MAX) <= 0;
    }

    private int bindKey(PreparedStatement statement, List<String> key, int first) throws SQLException {
        int index = first;
        for (int i = 0; i < keys.size(); i++) {
            String text = key.get(i);
            if (text != null && keyKinds.get(i).isExactNumber()) {
                BigDecimal number = new BigDecimal(text);
                if (fitsLong(number)) {
                    statement.setLong(index++, number.longValueExact());
                } else {
                    statement.setBigDecimal(index++, number);
                }
            } else {
                statement.setString(index++, text);
            }
        }
        return index;
    }
}
