package io.sluice.cdc.mysql.snapshot;

import io.sluice.cdc.mysql.schema.TableId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which tables the snapshot finished and, for the others, the key of the last row of the last finished chunk.
 * Stored in the offsets as text: one line per table, fields separated by tabs ({@code db}, {@code table}, then
 * {@code +} for a finished table or the key values), with backslash escapes.
 */
public final class SnapshotProgress {

    private static final String DONE = "+";
    private static final String NULL = "\\N";

    private final Map<TableId, List<String>> lastKeys = new LinkedHashMap<>();
    private final Map<TableId, Boolean> done = new LinkedHashMap<>();

    public static SnapshotProgress parse(String text) {
        SnapshotProgress progress = new SnapshotProgress();
        if (text == null || text.isEmpty()) {
            return progress;
        }
        for (String line : text.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            List<String> fields = new ArrayList<>();
            for (String field : line.split("\t", -1)) {
                fields.add(unescape(field));
            }
            TableId id = new TableId(fields.get(0), fields.get(1));
            if (fields.size() == 3 && DONE.equals(fields.get(2))) {
                progress.done.put(id, true);
            } else {
                progress.lastKeys.put(id, new ArrayList<>(fields.subList(2, fields.size())));
            }
        }
        return progress;
    }

    public boolean isDone(TableId id) {
        return done.containsKey(id);
    }

    /** The key of the last row read of an unfinished table, or null to start at its beginning. */
    public List<String> lastKey(TableId id) {
        return lastKeys.get(id);
    }

    public void chunkDone(TableId id, List<String> lastKey) {
        lastKeys.put(id, lastKey);
    }

    public void tableDone(TableId id) {
        lastKeys.remove(id);
        done.put(id, true);
    }

    public String encode() {
        StringBuilder out = new StringBuilder();
        for (TableId id : done.keySet()) {
            out.append(escape(id.database())).append('\t').append(escape(id.table())).append('\t').append(DONE)
                    .append('\n');
        }
        for (Map.Entry<TableId, List<String>> entry : lastKeys.entrySet()) {
            out.append(escape(entry.getKey().database())).append('\t').append(escape(entry.getKey().table()));
            for (String value : entry.getValue()) {
                out.append('\t').append(value == null ? NULL : escape(value));
            }
            out.append('\n');
        }
        return out.toString();
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
        if (out.toString().equals(DONE)) {
            return "\\+";
        }
        return out.toString();
    }

    private static String unescape(String text) {
        if (NULL.equals(text)) {
            return null;
        }
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
