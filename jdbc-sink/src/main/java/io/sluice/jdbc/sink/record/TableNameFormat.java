package io.sluice.jdbc.sink.record;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.connect.errors.DataException;

/** Resolves {@code table.name.format} for a record: {@code ${topic}}, {@code ${source.schema}}, {@code ${source.table}}. */
public final class TableNameFormat {

    static final String TOPIC = "${topic}";
    static final String SOURCE_SCHEMA = "${source.schema}";
    static final String SOURCE_TABLE = "${source.table}";

    private record Source(String topic, String schema, String table) {
    }

    private final String format;
    private final Map<Source, String> resolved = new HashMap<>();

    public TableNameFormat(String format) {
        this.format = Objects.requireNonNull(format);
    }

    /** Whether the format names {@code ${source.schema}}; if not, callers need not read it from each record. */
    public boolean usesSourceSchema() {
        return format.contains(SOURCE_SCHEMA);
    }

    /** Whether the format names {@code ${source.table}}. */
    public boolean usesSourceTable() {
        return format.contains(SOURCE_TABLE);
    }

    /**
     * The table for a record of {@code topic} whose CDC source block named {@code sourceSchema} and
     * {@code sourceTable} (either may be null: then they come from the topic's last dot-separated parts).
     */
    public String resolve(String topic, String sourceSchema, String sourceTable) {
        Source source = new Source(topic, sourceSchema, sourceTable);
        String name = resolved.get(source);
        if (name == null) {
            name = substitute(topic, sourceSchema, sourceTable);
            if (resolved.size() > 10_000) {
                resolved.clear();
            }
            resolved.put(source, name);
        }
        return name;
    }

    private String substitute(String topic, String sourceSchema, String sourceTable) {
        String[] parts = topic.split("\\.");
        String table = sourceTable != null ? sourceTable : parts[parts.length - 1];
        String schema = sourceSchema != null ? sourceSchema : parts.length > 1 ? parts[parts.length - 2] : null;
        String name = format.replace(TOPIC, topic).replace(SOURCE_TABLE, quotedIfNeeded(table));
        if (name.contains(SOURCE_SCHEMA)) {
            if (schema == null) {
                throw new DataException("table.name.format " + format + " uses ${source.schema} but a record of topic "
                        + topic + " has no source schema and its topic name has no schema part");
            }
            name = name.replace(SOURCE_SCHEMA, quotedIfNeeded(schema));
        }
        return name;
    }

    /**
     * A source schema or table name as one part of the resolved name: in double quotes (doubled inside) when it
     * holds a dot or a quote, so that a table named {@code a.b} is not read as schema {@code a}, table {@code b}.
     */
    static String quotedIfNeeded(String name) {
        if (name.indexOf('.') < 0 && name.indexOf('"') < 0) {
            return name;
        }
        return '"' + name.replace("\"", "\"\"") + '"';
    }
}
