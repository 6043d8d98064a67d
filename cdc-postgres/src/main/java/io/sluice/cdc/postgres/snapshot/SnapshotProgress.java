package io.sluice.cdc.postgres.snapshot;

import io.sluice.cdc.postgres.table.TableId;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How far a snapshot got: tables completed, and for tables in progress the primary key of the last row of their
 * last completed chunk. Kept in the source offset as text, one table per line.
 */
public final class SnapshotProgress {

    private static final String DONE = "done";
    private static final String KEY = "key";

    private final Map<TableId, List<String>> lastKeys = new LinkedHashMap<>();
    private final Map<TableId, Boolean> done = new LinkedHashMap<>();
    /** Encoded once per table: the offset is re-encoded for every row emitted, so only keys are encoded per row. */
    private final Map<TableId, String> linePrefixes = new HashMap<>();
    private String doneLines = "";
    private String encoded = "";

    public static SnapshotProgress decode(String text) {
        SnapshotProgress progress = new SnapshotProgress();
        if (text == null || text.isEmpty()) {
            return progress;
        }
        for (String line : text.split("\n")) {
            String[] parts = line.split(" ", -1);
            TableId id = new TableId(decodePart(parts[0]), decodePart(parts[1]));
            if (parts[2].equals(DONE)) {
                progress.done.put(id, true);
            } else if (parts[2].equals(KEY)) {
                List<String> key = new ArrayList<>();
                for (int i = 3; i < parts.length; i++) {
                    key.add(decodePart(parts[i]));
                }
                progress.lastKeys.put(id, List.copyOf(key));
            } else {
                throw new IllegalArgumentException("Unreadable snapshot progress line: " + line);
            }
        }
        progress.doneLines = progress.encodeDone();
        progress.encoded = progress.encode();
        return progress;
    }

    public synchronized boolean isDone(TableId id) {
        return done.containsKey(id);
    }

    /** The key after which the table's reading resumes, or null to read it from the start. */
    public synchronized List<String> lastKey(TableId id) {
        return lastKeys.get(id);
    }

    /** Records that every row of the table up to and including {@code lastKey} has been emitted. */
    public synchronized void rowEmitted(TableId id, List<String> lastKey) {
        lastKeys.put(id, lastKey);
        encoded = encode();
    }

    public synchronized void tableCompleted(TableId id) {
        lastKeys.remove(id);
        done.put(id, true);
        doneLines = encodeDone();
        encoded = encode();
    }

    /** The current progress as text for the offset. */
    public synchronized String current() {
        return encoded;
    }

    private String encodeDone() {
        StringBuilder text = new StringBuilder();
        for (TableId id : done.keySet()) {
            if (text.length() > 0) {
                text.append('\n');
            }
            text.append(linePrefix(id)).append(DONE);
        }
        return text.toString();
    }

    private String encode() {
        StringBuilder text = new StringBuilder(doneLines);
        for (Map.Entry<TableId, List<String>> e : lastKeys.entrySet()) {
            if (text.length() > 0) {
                text.append('\n');
            }
            text.append(linePrefix(e.getKey())).append(KEY);
            for (String value : e.getValue()) {
                text.append(' ').append(encodePart(value));
            }
        }
        return text.toString();
    }

    private String linePrefix(TableId id) {
        return linePrefixes.computeIfAbsent(id, t -> encodePart(t.schema()) + ' ' + encodePart(t.table()) + ' ');
    }

    /** URL-encoded, without calling the encoder for the usual key of digits and letters, which it leaves alone. */
    static String encodePart(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '-' || c == '_' || c == '*';
            if (!plain) {
                return URLEncoder.encode(value, StandardCharsets.UTF_8);
            }
        }
        return value;
    }

    private static String decodePart(String part) {
        return URLDecoder.decode(part, StandardCharsets.UTF_8);
    }
}
