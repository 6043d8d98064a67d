package io.sluice.jdbc.sink.write;

import io.sluice.jdbc.sink.config.InsertMode;
import io.sluice.jdbc.sink.dialect.BulkLoad;
import io.sluice.jdbc.sink.dialect.CopyText;
import io.sluice.jdbc.sink.dialect.ColumnBinder;
import io.sluice.jdbc.sink.dialect.DatabaseDialect;
import io.sluice.jdbc.sink.dialect.TableName;
import io.sluice.jdbc.sink.record.Column;
import io.sluice.jdbc.sink.record.RowLayout;
import io.sluice.jdbc.sink.record.SinkChange;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The statements of one table and one row layout, and the binders that put a change's values into them.
 * Built once per layout; binding a row is then a loop over precomputed binders.
 */
final class StatementBinder {

    /** Keys per DELETE statement, within the database's parameter limit. */
    private static final int DELETE_CHUNK = 500;

    private final DatabaseDialect dialect;
    private final TableName table;
    private final InsertMode mode;
    private final List<String> keyNames;
    private final List<String> valueNames;
    private final Map<java.util.BitSet, String> partialUpdates = new HashMap<>();
    private final String writeSql;
    private final ColumnBinder[] keyBinders;
    private final ColumnBinder[] valueBinders;
    private final int deleteChunk;
    private final Map<Integer, String> deleteSql = new HashMap<>();
    private final BulkLoad bulkLoad;

    StatementBinder(DatabaseDialect dialect, TableName table, RowLayout layout, InsertMode mode, ZoneId zone,
                    TableCatalog catalog) {
        this.dialect = dialect;
        this.table = table;
        this.mode = mode;
        this.keyNames = layout.keyColumns().stream().map(catalog::columnName).toList();
        this.valueNames = layout.valueColumns().stream().map(catalog::columnName).toList();
        this.keyBinders = layout.keyColumns().stream().map(c -> dialect.binder(c, zone)).toArray(ColumnBinder[]::new);
        this.valueBinders = layout.valueColumns().stream().map(c -> dialect.binder(c, zone)).toArray(ColumnBinder[]::new);
        if (layout.keyOnly()) {
            this.writeSql = null;
        } else if (mode == InsertMode.UPSERT) {
            this.writeSql = dialect.upsert(table, keyNames, valueNames);
        } else if (mode == InsertMode.UPDATE) {
            this.writeSql = valueNames.isEmpty() ? null : dialect.update(table, keyNames, valueNames);
        } else {
            this.writeSql = dialect.insert(table, keyNames, valueNames);
        }
        List<Column> columns = layout.allColumns();
        this.bulkLoad = writeSql == null || mode == InsertMode.UPDATE ? null
                : dialect.bulkLoad(table, columns, columns.stream().map(catalog::columnName).toList(),
                        keyNames.size(), mode == InsertMode.UPSERT, zone);
        int perKey = Math.max(1, keyNames.size());
        this.deleteChunk = Math.max(1, Math.min(DELETE_CHUNK, dialect.maxBindParameters() / perKey));
    }

    TableName table() {
        return table;
    }

    /** The INSERT, upsert or UPDATE statement; null when there is nothing to write (an update of a key-only row). */
    String writeSql() {
        return writeSql;
    }

    /** The dialect's faster way to write many rows of this layout, or null. */
    BulkLoad bulkLoad() {
        return bulkLoad;
    }

    /**
     * Appends the row of an upsert or insert to a load of {@link #bulkLoad}.
     *
     * @return false when a value has no exact form there, so the rows must be bound instead
     */
    boolean appendRow(BulkLoad.Load load, SinkChange change) throws SQLException {
        try {
            load.appendRow(change.key(), change.values());
            return true;
        } catch (CopyText.NotCopyable e) {
            return false;
        } catch (RuntimeException e) {
            throw new BadRecordException(change, "cannot convert a value of " + change.origin() + ": " + e, e);
        }
    }

    int deleteChunk() {
        return deleteChunk;
    }

    String deleteSql(int rows) {
        return deleteSql.computeIfAbsent(rows, n -> dialect.delete(table, keyNames, n));
    }

    /** Binds the row of an upsert, insert or update. */
    void bindRow(PreparedStatement statement, SinkChange change) throws SQLException {
        try {
            Object[] values = change.values();
            if (mode == InsertMode.UPDATE) {
                int index = bindValues(statement, 1, values);
                bindKey(statement, index, change.key());
            } else {
                int index = bindKey(statement, 1, change.key());
                bindValues(statement, index, values);
            }
        } catch (RuntimeException e) {
            throw new BadRecordException(change, "cannot convert a value of " + change.origin() + ": " + e, e);
        }
    }

    /** An UPDATE of the value columns not marked unavailable; null when none is left. */
    String partialUpdateSql(java.util.BitSet unavailable) {
        return partialUpdates.computeIfAbsent(unavailable, u -> {
            List<String> available = new java.util.ArrayList<>();
            for (int i = 0; i < valueNames.size(); i++) {
                if (!u.get(i)) {
                    available.add(valueNames.get(i));
                }
            }
            return available.isEmpty() ? null : dialect.update(table, keyNames, available);
        });
    }

    /** Binds a row for {@link #partialUpdateSql}: the available values, then the key. */
    void bindPartial(PreparedStatement statement, SinkChange change) throws SQLException {
        try {
            Object[] values = change.values();
            java.util.BitSet unavailable = change.unavailable();
            int index = 1;
            for (int i = 0; i < valueBinders.length; i++) {
                if (!unavailable.get(i)) {
                    valueBinders[i].bind(statement, index++, values[i]);
                }
            }
            bindKey(statement, index, change.key());
        } catch (RuntimeException e) {
            throw new BadRecordException(change, "cannot convert a value of " + change.origin() + ": " + e, e);
        }
    }

    /** Binds the keys of {@code changes} into one DELETE of {@code changes.size()} rows. */
    void bindKeys(PreparedStatement statement, List<SinkChange> changes) throws SQLException {
        int index = 1;
        for (SinkChange change : changes) {
            try {
                index = bindKey(statement, index, change.key());
            } catch (RuntimeException e) {
                throw new BadRecordException(change, "cannot convert a key of " + change.origin() + ": " + e, e);
            }
        }
    }

    private int bindKey(PreparedStatement statement, int index, Object[] key) throws SQLException {
        for (int i = 0; i < keyBinders.length; i++) {
            if (key[i] == null) {
                throw new IllegalArgumentException("key column " + keyNames.get(i) + " is null");
            }
            keyBinders[i].bind(statement, index++, key[i]);
        }
        return index;
    }

    private int bindValues(PreparedStatement statement, int index, Object[] values) throws SQLException {
        for (int i = 0; i < valueBinders.length; i++) {
            valueBinders[i].bind(statement, index++, values[i]);
        }
        return index;
    }
}
