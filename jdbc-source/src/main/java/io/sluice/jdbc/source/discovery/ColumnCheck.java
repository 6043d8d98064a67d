package io.sluice.jdbc.source.discovery;

import static io.sluice.jdbc.source.config.JdbcSourceConfig.INCREMENTING_COLUMN_NAME_CONFIG;
import static io.sluice.jdbc.source.config.JdbcSourceConfig.KEY_COLUMNS_CONFIG;
import static io.sluice.jdbc.source.config.JdbcSourceConfig.TIMESTAMP_COLUMN_NAME_CONFIG;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks that a table (or the query's result) has the columns the mode and the key name, and, with
 * {@code validate.non.null}, that the incrementing column and the last timestamp column are NOT NULL: rows with
 * NULL there would silently never be copied.
 */
public record ColumnCheck(String incrementingColumn, List<String> timestampColumns, List<String> keyColumns,
        boolean validateNonNull) {

    /**
     * @param columns the columns as name → nullable
     * @return config name → problem, empty when the table fits
     */
    public Map<String, String> problems(String source, Map<String, Boolean> columns) {
        Map<String, String> problems = new LinkedHashMap<>();
        if (incrementingColumn != null) {
            Boolean nullable = columns.get(incrementingColumn);
            if (nullable == null) {
                problems.put(INCREMENTING_COLUMN_NAME_CONFIG, missing(source, incrementingColumn, columns));
            } else if (validateNonNull && nullable) {
                problems.put(INCREMENTING_COLUMN_NAME_CONFIG, notNull(source, incrementingColumn));
            }
        }
        for (String column : timestampColumns) {
            if (!columns.containsKey(column)) {
                problems.put(TIMESTAMP_COLUMN_NAME_CONFIG, missing(source, column, columns));
            }
        }
        if (!timestampColumns.isEmpty() && !problems.containsKey(TIMESTAMP_COLUMN_NAME_CONFIG) && validateNonNull) {
            String last = timestampColumns.get(timestampColumns.size() - 1);
            if (columns.get(last)) {
                problems.put(TIMESTAMP_COLUMN_NAME_CONFIG, notNull(source, last)
                        + (timestampColumns.size() > 1 ? " (with several columns, the last one must be)" : ""));
            }
        }
        for (String column : keyColumns) {
            if (!columns.containsKey(column)) {
                problems.put(KEY_COLUMNS_CONFIG, missing(source, column, columns));
            }
        }
        return problems;
    }

    private static String missing(String source, String column, Map<String, Boolean> columns) {
        return "column '" + column + "' does not exist in " + source + " (its columns: "
                + String.join(", ", columns.keySet()) + ")";
    }

    private static String notNull(String source, String column) {
        return "column '" + column + "' of " + source + " allows NULL; rows with NULL there would never be copied. "
                + "Make it NOT NULL or set validate.non.null=false";
    }
}
