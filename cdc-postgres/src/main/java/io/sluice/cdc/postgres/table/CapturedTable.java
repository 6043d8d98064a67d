package io.sluice.cdc.postgres.table;

import io.sluice.schema.types.ColumnConverter;
import io.sluice.cdc.postgres.stream.pgoutput.TupleData;
import io.sluice.schema.event.ChangeEventSchema;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;

/**
 * One version of one captured table: its topic, event schemas and per-column converters, built once when the
 * table is first seen or its structure changes, then used for every row without further schema work.
 *
 * <p>Rows arrive as {@link TupleData} in the column order of {@link #columnNames()}; columns left out by the
 * column filters have a null converter and are skipped.
 */
public final class CapturedTable {

    private final TableId id;
    private final String topic;
    private final ChangeEventSchema schemas;
    private final List<String> columnNames;
    private final ColumnConverter[] converters;
    private final ColumnConverter[] keyConverters;
    private final Field[] valueFields;
    private final int[] keyColumns;
    private final Field[] keyFields;
    private final String unavailablePlaceholder;
    private final char replicaIdentity;

    CapturedTable(TableId id, String topic, ChangeEventSchema schemas, List<String> columnNames,
            ColumnConverter[] converters, ColumnConverter[] keyConverters, int[] keyColumns, String unavailablePlaceholder, char replicaIdentity) {
        this.id = id;
        this.topic = topic;
        this.schemas = schemas;
        this.columnNames = columnNames;
        this.converters = converters;
        this.keyConverters = keyConverters;
        this.valueFields = new Field[converters.length];
        for (int i = 0; i < converters.length; i++) {
            valueFields[i] = converters[i] == null ? null : schemas.valueSchema().field(columnNames.get(i));
        }
        this.keyColumns = keyColumns;
        this.keyFields = new Field[keyColumns.length];
        for (int k = 0; k < keyColumns.length; k++) {
            keyFields[k] = schemas.keySchema().field(columnNames.get(keyColumns[k]));
        }
        this.unavailablePlaceholder = unavailablePlaceholder;
        this.replicaIdentity = replicaIdentity;
    }

    public TableId id() {
        return id;
    }

    public String topic() {
        return topic;
    }

    public ChangeEventSchema schemas() {
        return schemas;
    }

    public List<String> columnNames() {
        return columnNames;
    }

    public boolean hasKey() {
        return keyColumns.length > 0;
    }

    /** Indexes (in {@link #columnNames()}) of the key columns, in key order. */
    public int[] keyColumns() {
        return keyColumns.clone();
    }

    public char replicaIdentity() {
        return replicaIdentity;
    }

    /** The row as the value schema's struct. Missing trailing columns and unchanged TOAST get null / placeholder. */
    public Struct row(TupleData tuple) {
        Struct row = new Struct(schemas.valueSchema());
        int n = Math.min(tuple.size(), converters.length);
        for (int i = 0; i < n; i++) {
            ColumnConverter converter = converters[i];
            if (converter == null) {
                continue;
            }
            byte kind = tuple.kind(i);
            if (kind == TupleData.TEXT) {
                row.put(valueFields[i], convert(i, converter, tuple.text(i)));
            } else if (kind == TupleData.UNCHANGED_TOAST) {
                row.put(valueFields[i], unavailable(i, converter.schema()));
            }
        }
        return row;
    }

    /**
     * A {@code before} row from an old tuple that may hold only the identity columns (REPLICA IDENTITY DEFAULT or
     * INDEX): the other columns are null in the server's message and stay null here.
     */
    public Struct oldRow(TupleData tuple) {
        return row(tuple);
    }

    /** The key struct, or null for a table without a key. */
    public Struct key(TupleData tuple) {
        if (keyColumns.length == 0) {
            return null;
        }
        Struct key = new Struct(schemas.keySchema());
        for (int k = 0; k < keyColumns.length; k++) {
            int i = keyColumns[k];
            if (tuple.kind(i) != TupleData.TEXT) {
                throw new DataException("Key column " + columnNames.get(i) + " of " + id + " has no value in this "
                        + "change: the server only sends the replica identity's columns of an old row. Make the key "
                        + "columns part of the replica identity (ALTER TABLE " + id.quoted() + " REPLICA IDENTITY FULL) "
                        + "or choose other message.key.columns.");
            }
            key.put(keyFields[k], convert(i, keyConverters[i], tuple.text(i)));
        }
        return key;
    }

    /** Whether the key of {@code after} differs from the key in {@code before} (a primary-key change). */
    public boolean keyChanged(TupleData before, TupleData after) {
        for (int i : keyColumns) {
            if (before.kind(i) == TupleData.TEXT && !before.text(i).equals(after.text(i))) {
                return true;
            }
        }
        return false;
    }

    private Object convert(int column, ColumnConverter converter, String text) {
        try {
            return converter.toConnect(text);
        } catch (RuntimeException e) {
            throw new DataException("Cannot convert the value of column " + columnNames.get(column) + " of " + id
                    + " to " + converter.schema().type() + ": " + e.getMessage(), e);
        }
    }

    private Object unavailable(int column, Schema schema) {
        switch (schema.type()) {
            case STRING:
                return unavailablePlaceholder;
            case BYTES:
                return unavailablePlaceholder.getBytes(StandardCharsets.UTF_8);
            case ARRAY:
                if (schema.valueSchema().type() == Schema.Type.STRING) {
                    return List.of(unavailablePlaceholder);
                }
                break;
            default:
                break;
        }
        if (schema.isOptional()) {
            return null;
        }
        throw new DataException("Column " + columnNames.get(column) + " of " + id + " is an unchanged TOASTed value "
                + "the server did not send, and its type has no room for the unavailable.value.placeholder. "
                + "Run ALTER TABLE " + id.quoted() + " REPLICA IDENTITY FULL so the server sends the whole old row.");
    }
}
