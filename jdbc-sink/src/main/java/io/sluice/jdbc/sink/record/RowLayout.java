package io.sluice.jdbc.sink.record;

import java.util.ArrayList;
import java.util.List;

/**
 * The columns a group of records writes: key columns first, then value columns. One layout exists per
 * distinct key schema and value schema, so the writer can cache statements and binders by layout.
 */
public final class RowLayout {

    private final List<Column> keyColumns;
    private final List<Column> valueColumns;
    private final boolean schemaless;
    private final boolean keyOnly;

    RowLayout(List<Column> keyColumns, List<Column> valueColumns, boolean schemaless, boolean keyOnly) {
        this.keyColumns = List.copyOf(keyColumns);
        this.valueColumns = List.copyOf(valueColumns);
        this.schemaless = schemaless;
        this.keyOnly = keyOnly;
    }

    public List<Column> keyColumns() {
        return keyColumns;
    }

    public List<Column> valueColumns() {
        return valueColumns;
    }

    /** Key columns followed by value columns. */
    public List<Column> allColumns() {
        List<Column> all = new ArrayList<>(keyColumns.size() + valueColumns.size());
        all.addAll(keyColumns);
        all.addAll(valueColumns);
        return all;
    }

    /** True when the records had no schema (maps); such records can only go into existing tables. */
    public boolean schemaless() {
        return schemaless;
    }

    /** True for the layout of deletes: only the key is known. */
    public boolean keyOnly() {
        return keyOnly;
    }

    /** Whether two layouts have the same key columns, so their deletes can share a statement. */
    public boolean sameKeyAs(RowLayout other) {
        if (other == this) {
            return true;
        }
        if (other.keyColumns.size() != keyColumns.size()) {
            return false;
        }
        for (int i = 0; i < keyColumns.size(); i++) {
            Column a = keyColumns.get(i);
            Column b = other.keyColumns.get(i);
            if (!a.name().equals(b.name()) || a.kind() != b.kind()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "RowLayout" + allColumns().stream().map(Column::name).toList();
    }
}
