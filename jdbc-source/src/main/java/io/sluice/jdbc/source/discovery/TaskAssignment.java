package io.sluice.jdbc.source.discovery;

import java.util.ArrayList;
import java.util.List;

/** Spreads tables over at most {@code tasks.max} tasks, round-robin over the sorted list, so group sizes differ
 * by at most one and a new table moves few others. */
public final class TaskAssignment {

    private TaskAssignment() {
    }

    /** One non-empty group per task; fewer groups than {@code maxTasks} when there are fewer tables. */
    public static List<List<TableId>> split(List<TableId> tables, int maxTasks) {
        if (maxTasks < 1) {
            throw new IllegalArgumentException("maxTasks must be at least 1, was " + maxTasks);
        }
        List<TableId> sorted = new ArrayList<>(tables);
        sorted.sort(null);
        int groupCount = Math.min(maxTasks, sorted.size());
        List<List<TableId>> groups = new ArrayList<>(groupCount);
        for (int i = 0; i < groupCount; i++) {
            groups.add(new ArrayList<>());
        }
        for (int i = 0; i < sorted.size(); i++) {
            groups.get(i % groupCount).add(sorted.get(i));
        }
        return groups.stream().map(List::copyOf).toList();
    }
}
