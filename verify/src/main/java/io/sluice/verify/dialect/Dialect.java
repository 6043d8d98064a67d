package io.sluice.verify.dialect;

import io.sluice.verify.db.TableName;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * The SQL one engine needs to checksum rows: how it renders each kind of value as canonical text, how it
 * hashes a row, orders and bounds keys, and keeps a read-only consistent snapshot. The canonical text of a
 * value is the same in every engine for equal data, which is what lets checksums be compared across engines.
 */
public interface Dialect {

    /** The dialect for a JDBC URL: PostgreSQL for {@code jdbc:postgresql:}, MariaDB for {@code jdbc:mariadb:}/{@code jdbc:mysql:}. */
    static Dialect forUrl(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return new PostgresDialect();
        }
        if (jdbcUrl.startsWith("jdbc:mariadb:") || jdbcUrl.startsWith("jdbc:mysql:")) {
            return new MariaDbDialect();
        }
        throw new IllegalArgumentException("unsupported JDBC URL (expected jdbc:postgresql:, jdbc:mariadb: or jdbc:mysql:): "
                + io.sluice.verify.db.DatabaseEndpoint.maskUrl(jdbcUrl));
    }

    String name();

    String quote(String identifier);

    default String qualified(TableName table) {
        return table.hasSchema() ? quote(table.schema()) + "." + quote(table.table()) : quote(table.table());
    }

    /** The engine's type name mapped to a kind. */
    ColumnKind kindOf(String nativeType, boolean declaredJson);

    /** Canonical text of a column compared as {@code kind}; NULL when the value is NULL. */
    String canonicalText(Column column, ColumnKind kind);

    /** One column's part of a row text: never NULL, unambiguous ({@code N} for NULL, length-prefixed text). */
    String token(String canonicalText, ColumnKind kind);

    /** MD5 (32 lower-case hex digits) of the tokens joined by {@code |}. */
    String rowHash(List<String> tokens);

    /** A 60-bit integer taken from hex digits {@code start..start+14} (1-based) of an MD5 column. */
    String hashSlice(String hashColumn, int start);

    /**
     * How a key column is ordered. {@code binaryText} asks for code point order of text keys, the one order
     * PostgreSQL and MariaDB agree on; otherwise the column's own order (index-friendly). The column is
     * referred to through {@code tableAlias}: a bare name in ORDER BY would mean the output column of that
     * name (the key's canonical text) in both engines, and order numbers as text.
     */
    String keyOrder(String tableAlias, Column key, ColumnKind kind, boolean binaryText);

    /** The placeholder a key bound as canonical text is compared through (a cast where the engine needs one). */
    String keyParameter(Column key, ColumnKind kind, boolean binaryText);

    /** Session settings: read-only, UTC. Called once per connection. */
    void prepareSession(Connection connection) throws SQLException;

    /** Starts a read-only transaction on a consistent snapshot. */
    void beginSnapshot(Connection connection) throws SQLException;

    void endSnapshot(Connection connection) throws SQLException;

    Catalog catalog();
}
