package io.sluice.cdc.postgres.config;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Which schemas, tables and columns are captured. Every entry is a regular expression matched against the
 * whole identifier: {@code schema}, {@code schema.table} or {@code schema.table.column}.
 * The include and exclude list of one level are mutually exclusive (checked by the config).
 */
public final class TableFilter {

    private final List<Pattern> schemaInclude;
    private final List<Pattern> schemaExclude;
    private final List<Pattern> tableInclude;
    private final List<Pattern> tableExclude;
    private final List<Pattern> columnInclude;
    private final List<Pattern> columnExclude;

    public TableFilter(List<String> schemaInclude, List<String> schemaExclude, List<String> tableInclude,
            List<String> tableExclude, List<String> columnInclude, List<String> columnExclude) {
        this.schemaInclude = compile(schemaInclude);
        this.schemaExclude = compile(schemaExclude);
        this.tableInclude = compile(tableInclude);
        this.tableExclude = compile(tableExclude);
        this.columnInclude = compile(columnInclude);
        this.columnExclude = compile(columnExclude);
    }

    static List<Pattern> compile(List<String> regexes) {
        return regexes.stream().map(String::trim).filter(s -> !s.isEmpty())
                .map(r -> Pattern.compile(r, Pattern.CASE_INSENSITIVE)).collect(Collectors.toUnmodifiableList());
    }

    /** System schemas are never captured. */
    public static boolean isSystemSchema(String schema) {
        return schema.equals("pg_catalog") || schema.equals("information_schema") || schema.startsWith("pg_toast")
                || schema.startsWith("pg_temp");
    }

    public boolean includesTable(String schema, String table) {
        if (isSystemSchema(schema)) {
            return false;
        }
        if (!schemaInclude.isEmpty() && !anyMatch(schemaInclude, schema)) {
            return false;
        }
        if (anyMatch(schemaExclude, schema)) {
            return false;
        }
        String qualified = schema + "." + table;
        if (!tableInclude.isEmpty() && !anyMatch(tableInclude, qualified)) {
            return false;
        }
        return !anyMatch(tableExclude, qualified);
    }

    public boolean includesColumn(String schema, String table, String column) {
        String qualified = schema + "." + table + "." + column;
        if (!columnInclude.isEmpty() && !anyMatch(columnInclude, qualified)) {
            return false;
        }
        return !anyMatch(columnExclude, qualified);
    }

    /** The table include list's entries, for checks that each names an existing table. */
    public List<Pattern> tableIncludes() {
        return tableInclude;
    }

    public boolean hasTableOrSchemaFilters() {
        return !schemaInclude.isEmpty() || !schemaExclude.isEmpty() || !tableInclude.isEmpty() || !tableExclude.isEmpty();
    }

    private static boolean anyMatch(List<Pattern> patterns, String value) {
        for (Pattern p : patterns) {
            if (p.matcher(value).matches()) {
                return true;
            }
        }
        return false;
    }
}
