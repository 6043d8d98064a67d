package io.sluice.cdc.mysql.stream;

import io.sluice.cdc.mysql.schema.TableId;
import java.util.ArrayList;
import java.util.List;

/**
 * How far an incremental snapshot got, as stored in the offsets under {@link BinlogOffset#INCREMENTAL_SNAPSHOT}:
 * the tables still to read, the first being read now, and the key of the last row of the last chunk written for
 * it. Text, one line per table, fields separated by tabs ({@code db}, {@code table}, then for the first table the
 * key values), with backslash escapes.
 *
 * @param tables  the tables still to read, the current one first
 * @param lastKey the key the current table continues after, or null to start at its beginning
 */
record IncrementalProgress(List<TableId> tables, List<String> lastKey) {

    private static final String NULL = "\\N";

    IncrementalProgress {
        tables = List.copyOf(tables);
        lastKey = lastKey == null ? null : java.util.Collections.unmodifiableList(new ArrayList<>(lastKey));
    }

    boolean isEmpty() {
        return tables.isEmpty();
    }

    /** The stored form; null when there is nothing left to read. */
    String encode() {
        if (tables.isEmpty()) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < tables.size(); i++) {
            TableId id = tables.get(i);
            out.append(escape(id.database())).append('\t').append(escape(id.table()));
            if (i == 0 && lastKey != null) {
                for (String value : lastKey) {
                    out.append('\t').append(value == null ? NULL : escape(value));
                }
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** Reads the stored form; an empty progress for null or blank text. */
    static IncrementalProgress parse(String text) {
        List<TableId> tables = new ArrayList<>();
        List<String> lastKey = null;
        if (text != null) {
            for (String line : text.split("\n")) {
                if (line.isEmpty()) {
                    continue;
                }
                String[] fields = line.split("\t", -1);
                tables.add(new TableId(unescape(fields[0]), unescape(fields[1])));
                if (tables.size() == 1 && fields.length > 2) {
                    lastKey = new ArrayList<>();
                    for (int f = 2; f < fields.length; f++) {
                        lastKey.add(NULL.equals(fields[f]) ? null : unescape(fields[f]));
                    }
                }
            }
        }
        return new IncrementalProgress(tables, lastKey);
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String unescape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                char next = text.charAt(++i);
                out.append(switch (next) {
                    case 't' -> '\t';
                    case 'n' -> '\n';
                    default -> next;
                });
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
