package io.sluice.verify.compare;

import io.sluice.verify.dialect.ColumnKind;
import io.sluice.verify.table.ComparedColumn;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Finds the rows behind a chunk whose checksums differ: splits the chunk into slices along the source's
 * keys, checksums each slice on both sides, and fetches keys and values only for the slices that differ.
 */
final class DrillDown {

    private final TableSide source;
    private final ChecksumPair checksums;
    private final TableSide target;
    private final List<ComparedColumn> columns;
    private final long sliceRows;
    private final RowDifferences differences;

    DrillDown(TableSide source, ChecksumPair checksums, TableSide target, List<ComparedColumn> columns, long sliceRows,
              RowDifferences differences) {
        this.source = source;
        this.checksums = checksums;
        this.target = target;
        this.columns = columns;
        this.sliceRows = Math.max(1, sliceRows);
        this.differences = differences;
    }

    void examine(KeyRange chunk, ChunkChecksum sourceSum) throws SQLException, InterruptedException {
        if (sourceSum.rows() <= sliceRows) {
            compareRows(chunk);
            return;
        }
        List<String> lower = chunk.after();
        for (long offset = sliceRows - 1; offset < sourceSum.rows() - 1; offset += sliceRows) {
            List<String> upper = source.keyAt(chunk, offset);
            if (upper == null) {
                break;
            }
            compareSlice(new KeyRange(lower, upper));
            lower = upper;
        }
        compareSlice(new KeyRange(lower, chunk.upTo()));
    }

    private void compareSlice(KeyRange slice) throws SQLException, InterruptedException {
        if (!checksums.of(slice).equal()) {
            compareRows(slice);
        }
    }

    /** Holds the source's slice in memory (at most {@code sliceRows} rows) and streams the target's past it. */
    private void compareRows(KeyRange range) throws SQLException {
        Map<List<String>, List<String>> sourceRows = new HashMap<>();
        source.forEachRow(range, row -> sourceRows.put(row.key(), row.values()));
        target.forEachRow(range, row -> {
            List<String> expected = sourceRows.remove(row.key());
            if (expected == null) {
                differences.extra(row.key());
            } else {
                List<String> changed = changedColumns(expected, row.values());
                if (!changed.isEmpty()) {
                    differences.different(row.key(), changed);
                }
            }
        });
        sourceRows.keySet().forEach(differences::missing);
    }

    private List<String> changedColumns(List<String> expected, List<String> actual) {
        List<String> changed = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            boolean same = columns.get(i).kind() == ColumnKind.JSON
                    ? JsonEquality.same(expected.get(i), actual.get(i))
                    : Objects.equals(expected.get(i), actual.get(i));
            if (!same) {
                changed.add(columns.get(i).name());
            }
        }
        return changed;
    }
}
