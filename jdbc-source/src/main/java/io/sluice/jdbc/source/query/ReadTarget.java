package io.sluice.jdbc.source.query;

import io.sluice.jdbc.source.dialect.Dialect;
import io.sluice.jdbc.source.discovery.TableId;
import java.util.Map;

/**
 * What one reader copies and where it goes: a table (topic {@code <prefix><table>}) or the custom query (topic
 * {@code <prefix>}).
 *
 * @param description a name for logs and errors
 * @param from        the FROM clause target: quoted table name or aliased subquery
 * @param partition   the Connect source partition the offsets are stored under
 * @param topic       the topic records go to
 * @param schemaName  the value schema name (the table name), or null for the custom query
 * @param table       the table, or null for the custom query
 */
public record ReadTarget(String description, String from, Map<String, String> partition, String topic,
        String schemaName, TableId table) {

    public static final String TABLE_PARTITION_KEY = "table";
    public static final String QUERY_PARTITION_KEY = "query";
    /** The value of {@link #QUERY_PARTITION_KEY}: there is one custom query per connector. */
    public static final String QUERY_PARTITION_VALUE = "query";
    /** The alias of the wrapped custom query. */
    public static final String QUERY_ALIAS = "sluice_query";

    public static ReadTarget table(TableId table, Dialect dialect, String topicPrefix) {
        return new ReadTarget(table.qualifiedName(), dialect.quote(table),
                Map.of(TABLE_PARTITION_KEY, table.qualifiedName()), topicPrefix + table.name(), table.name(), table);
    }

    /**
     * The custom query, wrapped as a subquery so that it may have its own WHERE and the mode's conditions still
     * apply to its output columns.
     */
    public static ReadTarget query(String query, String topicPrefix) {
        String body = query.trim();
        while (body.endsWith(";")) {
            body = body.substring(0, body.length() - 1).trim();
        }
        return new ReadTarget("the query", "(" + body + ") " + QUERY_ALIAS,
                Map.of(QUERY_PARTITION_KEY, QUERY_PARTITION_VALUE), topicPrefix, null, null);
    }
}
