package io.sluice.cdc.mysql.schema;

import java.util.List;
import java.util.Objects;

/**
 * One version of a table's structure: its columns in table order and its primary key column names.
 *
 * @param defaultCharset the table's default character set, or null when unknown
 */
public record TableDefinition(TableId id, List<ColumnDefinition> columns, List<String> primaryKey,
        String defaultCharset) {

    public TableDefinition {
        Objects.requireNonNull(id, "id");
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
    }

    public ColumnDefinition column(String name) {
        for (ColumnDefinition column : columns) {
            if (column.name().equalsIgnoreCase(name)) {
                return column;
            }
        }
        return null;
    }
}
