package io.sluice.verify.compare;

import io.sluice.verify.dialect.Dialect;
import io.sluice.verify.report.TableResult;
import io.sluice.verify.table.ComparedColumn;
import io.sluice.verify.table.TablePairing;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Compares one table pair: walks the source's primary key in chunks of {@code chunkSize} rows (keyset
 * queries), checksums each key range in both databases, and drills into the ranges that differ. Each side
 * reads inside one read-only snapshot for the whole table.
 */
public final class TableComparison {

    private final Connection sourceConnection;
    private final Dialect sourceDialect;
    private final Connection targetConnection;
    private final Dialect targetDialect;
    private final ComparisonSettings settings;
    private final PrintStream progressOut;

    public TableComparison(Connection sourceConnection, Dialect sourceDialect, Connection targetConnection,
                           Dialect targetDialect, ComparisonSettings settings, PrintStream progressOut) {
        this.sourceConnection = sourceConnection;
        this.sourceDialect = sourceDialect;
        this.targetConnection = targetConnection;
        this.targetDialect = targetDialect;
        this.settings = settings;
        this.progressOut = progressOut;
    }

    public TableResult compare(TablePairing pairing) throws SQLException, InterruptedException {
        long started = System.currentTimeMillis();
        TableSide source = TableSide.source(sourceConnection, sourceDialect, pairing);
        TableSide target = TableSide.target(targetConnection, targetDialect, pairing);
        RowDifferences differences = new RowDifferences(settings.show());
        RateLimit rateLimit = new RateLimit(settings.maxRowsPerSecond());

        sourceDialect.beginSnapshot(sourceConnection);
        try (ChecksumPair checksums = new ChecksumPair(source, target)) {
            DrillDown drillDown = new DrillDown(source, checksums, target, pairing.columns(),
                    Math.max(1, settings.chunkSize() / 10), differences);
            targetDialect.beginSnapshot(targetConnection);
            try {
                long estimate = sourceDialect.catalog().estimatedRows(sourceConnection, pairing.source());
                Progress progress = new Progress(progressOut, pairing.source().toString(), estimate,
                        settings.progress());
                long sourceRows = 0;
                long targetRows = 0;
                long chunks = 0;
                long differing = 0;
                List<String> lower = null;
                while (true) {
                    List<String> upper = source.keyAt(new KeyRange(lower, null), settings.chunkSize() - 1L);
                    KeyRange chunk = new KeyRange(lower, upper);
                    ChecksumPair.Sums sums = checksums.of(chunk);
                    chunks++;
                    sourceRows += sums.source().rows();
                    targetRows += sums.target().rows();
                    if (!sums.equal()) {
                        differing++;
                        drillDown.examine(chunk, sums.source());
                    }
                    progress.update(sourceRows);
                    rateLimit.pause(sourceRows);
                    if (upper == null) {
                        break;
                    }
                    lower = upper;
                }
                progress.finish(sourceRows);
                return new TableResult(pairing.source().toString(), pairing.target().toString(),
                        pairing.key().stream().map(ComparedColumn::name).toList(), sourceRows, targetRows, chunks,
                        differing, pairing.onlyInSource(), pairing.onlyInTarget(), differences,
                        source.rowsFetched() + target.rowsFetched(), System.currentTimeMillis() - started);
            } finally {
                targetDialect.endSnapshot(targetConnection);
            }
        } finally {
            sourceDialect.endSnapshot(sourceConnection);
        }
    }
}
