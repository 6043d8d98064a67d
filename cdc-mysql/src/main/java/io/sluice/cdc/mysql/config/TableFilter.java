package io.sluice.cdc.mysql.config;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which databases, tables and columns are captured. Each list holds regular expressions matched against the whole
 * name ({@code db}, {@code db.table}, {@code db.table.column}), ignoring case as MySQL does for database and table
 * names on most systems. System databases are never captured.
 */
public final class TableFilter {

    private static final Set<String> SYSTEM_DATABASES = Set.of("mysql", "information_schema", "performance_schema",
            "sys");

    private final List<Pattern> databaseIncludes;
    private final List<Pattern> databaseExcludes;
    private final List<Pattern> tableIncludes;
    private final List<Pattern> tableExcludes;
    private final List<Pattern> columnIncludes;
    private final List<Pattern> columnExcludes;

    public TableFilter(List<String> databaseIncludes, List<String> databaseExcludes, List<String> tableIncludes,
            List<String> tableExcludes, List<String> columnIncludes, List<String> columnExcludes) {
        this.databaseIncludes = compile(databaseIncludes);
        this.databaseExcludes = compile(databaseExcludes);
        this.tableIncludes = compile(tableIncludes);
        this.tableExcludes = compile(tableExcludes);
        this.columnIncludes = compile(columnIncludes);
        this.columnExcludes = compile(columnExcludes);
    }

    /** Captures every table of every user database. */
    public static TableFilter all() {
        return new TableFilter(List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
    }

    public boolean includesDatabase(String database) {
        if (database == null || SYSTEM_DATABASES.contains(database.toLowerCase(java.util.Locale.ROOT))) {
            return false;
        }
        return matches(database, databaseIncludes, databaseExcludes);
    }

    public boolean includesTable(String database, String table) {
        return includesDatabase(database) && matches(database + "." + table, tableIncludes, tableExcludes);
    }

    public boolean includesColumn(String database, String table, String column) {
        return matches(database + "." + table + "." + column, columnIncludes, columnExcludes);
    }

    private static boolean matches(String name, List<Pattern> includes, List<Pattern> excludes) {
        if (!includes.isEmpty()) {
            return anyMatches(name, includes);
        }
        return !anyMatches(name, excludes);
    }

    private static boolean anyMatches(String name, List<Pattern> patterns) {
        for (Pattern pattern : patterns) {
            if (pattern.matcher(name).matches()) {
                return true;
            }
        }
        return false;
    }

    static List<Pattern> compile(List<String> regexes) {
        return regexes.stream()
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .map(s -> Pattern.compile(s, Pattern.CASE_INSENSITIVE))
                .toList();
    }
}
