package io.sluice.cdc.postgres.table;

import java.util.List;

/**
 * A table's columns (in their order) and primary key column names (in key order; empty when it has none).
 *
 * @param replicaIdentity {@code pg_class.relreplident}: 'd' default, 'f' full, 'i' index, 'n' nothing
 */
public record TableDefinition(TableId id, List<ColumnDefinition> columns, List<String> primaryKey, char replicaIdentity) {

    public ColumnDefinition column(String name) {
        for (ColumnDefinition c : columns) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        return null;
    }
}
