package io.sluice.cdc.postgres.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.ConfigException;

/**
 * Key columns chosen by the user instead of the primary key, as
 * {@code schema.table:col1,col2;schema.other:col} (the table part is a regular expression).
 */
public final class MessageKeyColumns {

    private record Entry(Pattern table, List<String> columns) {
    }

    private final List<Entry> entries;

    private MessageKeyColumns(List<Entry> entries) {
        this.entries = entries;
    }

    public static MessageKeyColumns parse(String configName, String value) {
        List<Entry> entries = new ArrayList<>();
        if (value != null && !value.isBlank()) {
            for (String part : value.split(";")) {
                if (part.isBlank()) {
                    continue;
                }
                int colon = part.lastIndexOf(':');
                if (colon <= 0 || colon == part.length() - 1) {
                    throw new ConfigException(configName, value,
                            "Each entry must look like schema.table:column1,column2 (entries separated by ';')");
                }
                List<String> columns = new ArrayList<>();
                for (String c : part.substring(colon + 1).split(",")) {
                    if (!c.isBlank()) {
                        columns.add(c.trim());
                    }
                }
                entries.add(new Entry(Pattern.compile(part.substring(0, colon).trim(), Pattern.CASE_INSENSITIVE),
                        List.copyOf(columns)));
            }
        }
        return new MessageKeyColumns(List.copyOf(entries));
    }

    /** The key columns configured for the table, if any. */
    public Optional<List<String>> columnsFor(String schema, String table) {
        String qualified = schema + "." + table;
        for (Entry e : entries) {
            if (e.table().matcher(qualified).matches()) {
                return Optional.of(e.columns());
            }
        }
        return Optional.empty();
    }
}
