package io.sluice.it.fault;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The changes a workload committed, as {@code table/id/version} (or {@code table/id/deleted}): what the topic
 * must hold. Written by the workload's thread, read by the test's.
 */
public final class ChangeLog {

    private final Set<String> changes = ConcurrentHashMap.newKeySet();
    // table/id -> the row's last version, or DELETED
    private final Map<String, Integer> latest = new ConcurrentHashMap<>();

    public static final int DELETED = -1;

    public static String key(String table, long id, int version) {
        return table + "/" + id + "/" + (version == DELETED ? "deleted" : "v" + version);
    }

    void add(String table, long id, int version) {
        changes.add(key(table, id, version));
        latest.put(table + "/" + id, version);
    }

    void addDelete(String table, long id) {
        changes.add(key(table, id, DELETED));
        latest.put(table + "/" + id, DELETED);
    }

    public int size() {
        return changes.size();
    }

    public Set<String> all() {
        return Set.copyOf(changes);
    }

    /** The last change of every row the workload touched, as keys like {@link #key}. */
    public Set<String> lastChanges() {
        Set<String> last = new java.util.HashSet<>();
        latest.forEach((row, version) -> {
            int slash = row.indexOf('/');
            last.add(key(row.substring(0, slash), Long.parseLong(row.substring(slash + 1)), version));
        });
        return last;
    }
}
