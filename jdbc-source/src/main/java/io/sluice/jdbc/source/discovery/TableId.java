package io.sluice.jdbc.source.discovery;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * A table as the database's metadata names it. PostgreSQL fills {@code schema} and leaves {@code catalog} null;
 * MySQL/MariaDB put the database in {@code catalog} and leave {@code schema} null.
 */
public record TableId(String catalog, String schema, String name) implements Comparable<TableId> {

    private static final Comparator<TableId> ORDER = Comparator
            .comparing(TableId::catalog, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(TableId::schema, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(TableId::name);

    public TableId {
        Objects.requireNonNull(name, "name");
    }

    /** The dotted name users write in table lists and see in offsets, e.g. {@code public.orders}. */
    public String qualifiedName() {
        StringJoiner joined = new StringJoiner(".");
        if (catalog != null) {
            joined.add(catalog);
        }
        if (schema != null) {
            joined.add(schema);
        }
        return joined.add(name).toString();
    }

    /** Whether a table-list entry (name, schema.table, catalog.table or catalog.schema.table) names this table. */
    public boolean matches(String entry) {
        return entry.equals(name)
                || entry.equals(qualifiedName())
                || (schema != null && entry.equals(schema + "." + name))
                || (catalog != null && entry.equals(catalog + "." + name));
    }

    /** A form that survives a task config string whatever characters the names hold. */
    public String encode() {
        return part(catalog) + "." + part(schema) + "." + part(name);
    }

    public static TableId decode(String encoded) {
        String[] parts = encoded.split("\\.", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("Not an encoded table id: " + encoded);
        }
        return new TableId(unpart(parts[0]), unpart(parts[1]), unpart(parts[2]));
    }

    public static String encodeAll(List<TableId> tables) {
        StringJoiner joined = new StringJoiner(",");
        tables.forEach(t -> joined.add(t.encode()));
        return joined.toString();
    }

    public static List<TableId> decodeAll(String encoded) {
        List<TableId> tables = new ArrayList<>();
        if (encoded != null && !encoded.isEmpty()) {
            for (String one : encoded.split(",")) {
                tables.add(decode(one));
            }
        }
        return tables;
    }

    private static String part(String value) {
        // "-" stands for null; URL encoding never produces a bare "-" for a non-null value except "-" itself,
        // which is written as %2D below.
        return value == null ? "-" : URLEncoder.encode(value, StandardCharsets.UTF_8).replace("-", "%2D")
                .replace(".", "%2E");
    }

    private static String unpart(String value) {
        return value.equals("-") ? null : URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

    @Override
    public int compareTo(TableId other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return qualifiedName();
    }
}
