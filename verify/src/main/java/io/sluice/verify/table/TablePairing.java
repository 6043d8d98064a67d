package io.sluice.verify.table;

import io.sluice.verify.db.TableName;
import io.sluice.verify.dialect.Column;
import io.sluice.verify.dialect.ColumnKind;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How a source table lines up with its target: the columns compared (source order, matched by name
 * ignoring case), the primary key (the source's), and the columns found on one side only.
 *
 * @param binaryTextOrder whether text keys are ordered by code point on both sides, needed when the two
 *                        engines differ because their collations would order the same keys differently
 */
public record TablePairing(TableName source, TableName target, List<ComparedColumn> columns, List<ComparedColumn> key,
                           List<String> onlyInSource, List<String> onlyInTarget, boolean binaryTextOrder) {

    /**
     * @throws IllegalStateException when the source has no primary key or the target lacks a key column
     */
    public static TablePairing of(TableName source, List<Column> sourceColumns, List<String> sourceKey,
                                  TableName target, List<Column> targetColumns, boolean sameEngine) {
        if (sourceKey.isEmpty()) {
            throw new IllegalStateException("source table " + source + " has no primary key; verify walks tables by primary key");
        }
        Map<String, Column> targetByName = new LinkedHashMap<>();
        for (Column column : targetColumns) {
            targetByName.put(column.name().toLowerCase(Locale.ROOT), column);
        }
        List<ComparedColumn> compared = new ArrayList<>();
        List<String> onlyInSource = new ArrayList<>();
        for (Column column : sourceColumns) {
            Column match = targetByName.remove(column.name().toLowerCase(Locale.ROOT));
            if (match == null) {
                onlyInSource.add(column.name());
            } else {
                compared.add(new ComparedColumn(column, match, ColumnKind.comparedAs(column.kind(), match.kind())));
            }
        }
        List<String> onlyInTarget = targetByName.values().stream().map(Column::name).toList();
        List<ComparedColumn> key = new ArrayList<>();
        for (String name : sourceKey) {
            ComparedColumn column = compared.stream().filter(c -> c.source().name().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("primary key column " + name + " of " + source
                            + " is missing in target table " + target));
            if (column.kind().isFloat()) {
                throw new IllegalStateException("primary key column " + name + " of " + source
                        + " is a floating-point column; verify cannot walk such keys");
            }
            key.add(column);
        }
        boolean textKey = key.stream().anyMatch(c -> c.source().kind().isTextLike() || c.target().kind().isTextLike());
        return new TablePairing(source, target, List.copyOf(compared), List.copyOf(key), List.copyOf(onlyInSource),
                List.copyOf(onlyInTarget), textKey && !sameEngine);
    }
}
