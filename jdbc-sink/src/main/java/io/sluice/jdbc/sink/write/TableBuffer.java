package io.sluice.jdbc.sink.write;

import io.sluice.jdbc.sink.dialect.TableName;
import io.sluice.jdbc.sink.record.RowLayout;
import io.sluice.jdbc.sink.record.SinkChange;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The changes waiting for one table until the next flush. With a key, several changes to one key collapse
 * to the last one; a delete followed by a re-insert keeps the delete in front of it, so the result equals
 * applying every change in order. A truncate drops what came before it.
 */
final class TableBuffer {

    private final TableName table;
    private final boolean keyed;
    private final Map<Key, Pending> byKey = new LinkedHashMap<>();
    private final List<Pending> unkeyed = new ArrayList<>();
    private boolean truncate;
    private RowLayout rowLayout;
    private RowLayout keyLayout;

    /** A buffered change; {@code deleteFirst} when an earlier delete of its key must run before it. */
    record Pending(SinkChange change, boolean deleteFirst) {
    }

    TableBuffer(TableName table, boolean keyed) {
        this.table = table;
        this.keyed = keyed;
    }

    TableName table() {
        return table;
    }

    /**
     * Whether the change can join this buffer: upserts must share one row layout and deletes one key
     * layout, so that each flush uses one statement per kind. When not, flush first.
     */
    boolean accepts(SinkChange change) {
        return switch (change.operation()) {
            case UPSERT -> (rowLayout == null || rowLayout == change.layout())
                    && (keyLayout == null || keyLayout.sameKeyAs(change.layout()));
            case DELETE -> (keyLayout == null || keyLayout.sameKeyAs(change.layout()))
                    && (rowLayout == null || rowLayout.sameKeyAs(change.layout()));
            case TRUNCATE -> true;
        };
    }

    void add(SinkChange change) {
        switch (change.operation()) {
            case TRUNCATE -> {
                byKey.clear();
                unkeyed.clear();
                truncate = true;
                return;
            }
            case UPSERT -> rowLayout = change.layout();
            case DELETE -> keyLayout = change.layout();
        }
        if (!keyed) {
            unkeyed.add(new Pending(change, false));
            return;
        }
        Key key = new Key(change.key());
        Pending previous = byKey.remove(key);
        boolean deleteFirst = change.operation() == SinkChange.Operation.UPSERT && previous != null
                && (previous.change().operation() == SinkChange.Operation.DELETE || previous.deleteFirst());
        byKey.put(key, new Pending(change, deleteFirst));
    }

    boolean isEmpty() {
        return !truncate && byKey.isEmpty() && unkeyed.isEmpty();
    }

    boolean truncate() {
        return truncate;
    }

    /** What remains after collapsing, in the order of each key's last change. */
    Collection<Pending> pending() {
        return keyed ? byKey.values() : unkeyed;
    }

    /** Deletes to run before the writes: real deletes, and the deletes in front of re-inserts. */
    List<SinkChange> deletes() {
        List<SinkChange> deletes = new ArrayList<>();
        for (Pending p : pending()) {
            if (p.change().operation() == SinkChange.Operation.DELETE || p.deleteFirst()) {
                deletes.add(p.change());
            }
        }
        return deletes;
    }

    List<SinkChange> writes() {
        List<SinkChange> writes = new ArrayList<>();
        for (Pending p : pending()) {
            if (p.change().operation() == SinkChange.Operation.UPSERT) {
                writes.add(p.change());
            }
        }
        return writes;
    }

    RowLayout rowLayout() {
        return rowLayout;
    }

    /** The layout whose key columns the deletes bind: the rows' layout when there is one. */
    RowLayout keyLayout() {
        return rowLayout != null ? rowLayout : keyLayout;
    }

    /** A key by value; arrays compare element-wise, so byte[] keys collapse too. */
    private record Key(Object[] values) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Arrays.deepEquals(values, k.values);
        }

        @Override
        public int hashCode() {
            return Arrays.deepHashCode(values);
        }
    }
}
