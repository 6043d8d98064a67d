package io.sluice.cdc.mysql.config;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.ConfigException;

/**
 * The {@code message.key.columns} option: {@code <db.table regex>:<column>,<column>;<db.table regex>:<column>...}.
 * The first entry whose regular expression matches a table names its key columns, in place of its primary key.
 */
public final class MessageKeyColumns {

    private record Entry(Pattern table, List<String> columns) {
    }

    private final List<Entry> entries;

    private MessageKeyColumns(List<Entry> entries) {
        this.entries = entries;
    }

    public static MessageKeyColumns none() {
        return new MessageKeyColumns(List.of());
    }

    /** Parses the option; blank means none. */
    public static MessageKeyColumns parse(String value) {
        if (value == null || value.isBlank()) {
            return none();
        }
        List<Entry> entries = new ArrayList<>();
        for (String part : value.split(";")) {
            if (part.isBlank()) {
                continue;
            }
            int colon = part.lastIndexOf(':');
            if (colon <= 0 || colon == part.length() - 1) {
                throw new ConfigException(CaptureConfig.MESSAGE_KEY_COLUMNS_CONFIG, value,
                        "each entry must look like <database>.<table>:<column>[,<column>...], not '" + part + "'");
            }
            List<String> columns = new ArrayList<>();
            for (String column : part.substring(colon + 1).split(",")) {
                if (!column.isBlank()) {
                    columns.add(column.trim());
                }
            }
            entries.add(new Entry(Pattern.compile(part.substring(0, colon).trim(), Pattern.CASE_INSENSITIVE),
                    List.copyOf(columns)));
        }
        return new MessageKeyColumns(List.copyOf(entries));
    }

    /** The configured key columns of a table, or null to use its primary key. */
    public List<String> keyColumns(String database, String table) {
        String name = database + "." + table;
        for (Entry entry : entries) {
            if (entry.table().matcher(name).matches()) {
                return entry.columns();
            }
        }
        return null;
    }
}
