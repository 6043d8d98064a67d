package io.sluice.jdbc.source.config;

import static io.sluice.jdbc.source.config.JdbcSourceConfig.INCREMENTING_COLUMN_NAME_CONFIG;
import static io.sluice.jdbc.source.config.JdbcSourceConfig.QUERY_CONFIG;
import static io.sluice.jdbc.source.config.JdbcSourceConfig.TABLE_BLACKLIST_CONFIG;
import static io.sluice.jdbc.source.config.JdbcSourceConfig.TABLE_EXCLUDE_LIST_CONFIG;
import static io.sluice.jdbc.source.config.JdbcSourceConfig.TABLE_INCLUDE_LIST_CONFIG;
import static io.sluice.jdbc.source.config.JdbcSourceConfig.TABLE_WHITELIST_CONFIG;
import static io.sluice.jdbc.source.config.JdbcSourceConfig.TIMESTAMP_COLUMN_NAME_CONFIG;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules between settings that a {@code ConfigDef} validator cannot see alone: a mode needs its columns, a
 * custom query excludes the table lists, an include list excludes an exclude list. No database is needed.
 */
public final class ConfigRules {

    private ConfigRules() {
    }

    /** The broken rules as config name → message; empty when the config is consistent. */
    public static Map<String, String> check(JdbcSourceConfig config) {
        Map<String, String> errors = new LinkedHashMap<>();
        Mode mode = config.mode();
        if (mode.usesIncrementingColumn() && config.incrementingColumn() == null) {
            errors.put(INCREMENTING_COLUMN_NAME_CONFIG, "mode '" + mode.value() + "' needs "
                    + INCREMENTING_COLUMN_NAME_CONFIG + ": the column that grows with every new row");
        }
        if (mode.usesTimestampColumns() && config.timestampColumns().isEmpty()) {
            errors.put(TIMESTAMP_COLUMN_NAME_CONFIG, "mode '" + mode.value() + "' needs "
                    + TIMESTAMP_COLUMN_NAME_CONFIG + ": the column(s) holding each row's change time");
        }
        boolean anyTableList = !all(config, TABLE_INCLUDE_LIST_CONFIG, TABLE_EXCLUDE_LIST_CONFIG,
                TABLE_WHITELIST_CONFIG, TABLE_BLACKLIST_CONFIG).isEmpty();
        if (config.query() != null && anyTableList) {
            errors.put(QUERY_CONFIG, "query copies one query's result; remove " + TABLE_INCLUDE_LIST_CONFIG
                    + ", " + TABLE_EXCLUDE_LIST_CONFIG + " and their aliases, or remove query");
        }
        if (!config.includedTables().isEmpty() && !config.excludedTables().isEmpty()) {
            errors.put(TABLE_EXCLUDE_LIST_CONFIG, "set either " + TABLE_INCLUDE_LIST_CONFIG + " or "
                    + TABLE_EXCLUDE_LIST_CONFIG + " (or their aliases), not both");
        }
        if (!all(config, TABLE_INCLUDE_LIST_CONFIG).isEmpty() && !all(config, TABLE_WHITELIST_CONFIG).isEmpty()) {
            errors.put(TABLE_WHITELIST_CONFIG, TABLE_WHITELIST_CONFIG + " is the old name of "
                    + TABLE_INCLUDE_LIST_CONFIG + "; set only one of them");
        }
        if (!all(config, TABLE_EXCLUDE_LIST_CONFIG).isEmpty() && !all(config, TABLE_BLACKLIST_CONFIG).isEmpty()) {
            errors.put(TABLE_BLACKLIST_CONFIG, TABLE_BLACKLIST_CONFIG + " is the old name of "
                    + TABLE_EXCLUDE_LIST_CONFIG + "; set only one of them");
        }
        return errors;
    }

    private static String all(JdbcSourceConfig config, String... names) {
        StringBuilder joined = new StringBuilder();
        for (String name : names) {
            List<String> values = config.getList(name);
            if (values != null) {
                values.stream().filter(v -> !v.isBlank()).forEach(joined::append);
            }
        }
        return joined.toString();
    }
}
