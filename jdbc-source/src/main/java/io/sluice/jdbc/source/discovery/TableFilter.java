package io.sluice.jdbc.source.discovery;

import java.util.List;

/** table.include.list / table.exclude.list: which of the found tables are copied. */
public record TableFilter(List<String> include, List<String> exclude) {

    public TableFilter {
        include = List.copyOf(include);
        exclude = List.copyOf(exclude);
    }

    public boolean accepts(TableId table) {
        if (!include.isEmpty()) {
            return include.stream().anyMatch(table::matches);
        }
        return exclude.stream().noneMatch(table::matches);
    }
}
