package io.sluice.jdbc.sink.write;

import io.sluice.jdbc.sink.dialect.DatabaseDialect;
import io.sluice.jdbc.sink.dialect.TableName;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * Turns names from records into the names the database stores: folded when {@code quote.identifiers=false},
 * and refused when the database would truncate them (PostgreSQL does so silently).
 */
final class Identifiers {

    private final DatabaseDialect dialect;
    private final boolean keepCase;
    private final Map<String, TableName> tables = new HashMap<>();

    Identifiers(DatabaseDialect dialect, boolean keepCase) {
        this.dialect = dialect;
        this.keepCase = keepCase;
    }

    /**
     * The table a resolved {@code table.name.format} names: {@code table} or {@code schema.table}; a part in double
     * quotes (a source name holding a dot or a quote, see {@code TableNameFormat}) is one name, quotes removed.
     */
    TableName table(String resolved) {
        TableName table = tables.get(resolved);
        if (table == null) {
            String[] parts = splitOutsideQuotes(resolved);
            if (parts.length > 2) {
                throw new ConnectException("table name '" + resolved + "' has more than one dot; table.name.format must "
                        + "give 'table' or 'schema.table' (for topics like server.schema.table use ${source.table} or "
                        + "${source.schema}.${source.table})");
            }
            table = parts.length == 1 ? new TableName(null, name(parts[0], "table"))
                    : new TableName(name(parts[0], "schema"), name(parts[1], "table"));
            if (tables.size() > 10_000) {
                tables.clear();
            }
            tables.put(resolved, table);
        }
        return table;
    }

    private static String[] splitOutsideQuotes(String resolved) {
        if (resolved.indexOf('"') < 0) {
            return resolved.split("\\.", -1);
        }
        java.util.List<String> parts = new java.util.ArrayList<>();
        StringBuilder part = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < resolved.length(); i++) {
            char c = resolved.charAt(i);
            if (c == '"') {
                if (quoted && i + 1 < resolved.length() && resolved.charAt(i + 1) == '"') {
                    part.append('"');
                    i++;
                } else {
                    quoted = !quoted;
                }
            } else if (c == '.' && !quoted) {
                parts.add(part.toString());
                part.setLength(0);
            } else {
                part.append(c);
            }
        }
        parts.add(part.toString());
        return parts.toArray(String[]::new);
    }

    /** A column or table name as stored. */
    String name(String identifier, String what) {
        if (identifier.isEmpty()) {
            throw new ConnectException("empty " + what + " name");
        }
        String stored = keepCase ? identifier : dialect.foldUnquoted(identifier);
        if (dialect.identifierLength(stored) > dialect.maxIdentifierLength()) {
            throw new ConnectException(what + " name '" + stored + "' is longer than " + dialect.name() + " allows ("
                    + dialect.maxIdentifierLength() + "); rename it with a transform or table.name.format");
        }
        return stored;
    }
}
