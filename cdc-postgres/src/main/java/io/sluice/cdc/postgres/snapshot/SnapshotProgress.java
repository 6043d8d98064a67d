package io.sluice.cdc.postgres.snapshot;

import io.sluice.cdc.postgres.table.TableId;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
        encoded = encode();
    }

    /** The current progress as text for the offset. */
    public synchronized String current() {
        return encoded;
    }

    private String encode() {
        StringBuilder text = new StringBuilder();
        for (TableId id : done.keySet()) {
            line(text, id).append(DONE);
        }
        for (Map.Entry<TableId, List<String>> e : lastKeys.entrySet()) {
            line(text, e.getKey()).append(KEY);
            for (String value : e.getValue()) {
                text.append(' ').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        }
        return text.toString();
    }

    private static StringBuilder line(StringBuilder text, TableId id) {
        if (text.length() > 0) {
            text.append('\n');
        }
        return text.append(URLEncoder.encode(id.schema(), StandardCharsets.UTF_8)).append(' ')
                .append(URLEncoder.encode(id.table(), StandardCharsets.UTF_8)).append(' ');
    }

    private static String decodePart(String part) {
        return URLDecoder.decode(part, StandardCharsets.UTF_8);
    }
}
