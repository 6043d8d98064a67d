package io.sluice.jdbc.sink.record;

import org.apache.kafka.connect.sink.SinkRecord;

/**
 * What one record asks of one table: upsert a row, delete a row by key, or empty the table.
 * Values are still Connect values; the dialect's binders convert them when the statement is bound.
 */
public final class SinkChange {

    public enum Operation { UPSERT, DELETE, TRUNCATE }

    private final Operation operation;
    private final String table;
    private final RowLayout layout;
    private final Object[] key;
    private final Object[] values;
    private final SinkRecord record;
    private final java.util.BitSet unavailable;
    private final boolean created;

    public SinkChange(Operation operation, String table, RowLayout layout, Object[] key, Object[] values,
                      SinkRecord record) {
        this(operation, table, layout, key, values, record, null, false);
    }

    public SinkChange(Operation operation, String table, RowLayout layout, Object[] key, Object[] values,
                      SinkRecord record, java.util.BitSet unavailable, boolean created) {
        this.operation = operation;
        this.table = table;
        this.layout = layout;
        this.key = key;
        this.values = values;
        this.record = record;
        this.unavailable = unavailable;
        this.created = created;
    }

    /**
     * Whether the source says the row is new: a CDC event with op {@code c} (created) or {@code r} (read by a
     * snapshot). The target usually lacks it, but a redelivered or re-snapshotted row may already be there.
     */
    public boolean created() {
        return created;
    }

    /**
     * The value columns whose value the source could not read (unchanged TOAST values of PostgreSQL, sent as
     * a placeholder); null when every value is there. Such a row is written as an UPDATE of the other columns.
     */
    public java.util.BitSet unavailable() {
        return unavailable;
    }

    public Operation operation() {
        return operation;
    }

    /** The resolved table name, before the dialect splits and folds it. */
    public String table() {
        return table;
    }

    public RowLayout layout() {
        return layout;
    }

    /** Key column values, in the order of the layout's key columns. */
    public Object[] key() {
        return key;
    }

    /** Value column values, in the order of the layout's value columns; null for deletes and truncates. */
    public Object[] values() {
        return values;
    }

    public SinkRecord record() {
        return record;
    }

    /** Where the record came from, for error messages. */
    public String origin() {
        return "topic " + record.topic() + ", partition " + record.kafkaPartition() + ", offset " + record.kafkaOffset();
    }
}
