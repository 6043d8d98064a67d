package io.sluice.verify.compare;

import java.sql.SQLException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Checksums one key range on both sides at once: the target's query runs on a second thread while the
 * source's runs on the caller's, so a chunk costs the slower of the two instead of their sum. Each side
 * keeps to its own connection and snapshot, and each database still sees one query at a time.
 */
final class ChecksumPair implements AutoCloseable {

    /** A range's checksums, source side and target side. */
    record Sums(ChunkChecksum source, ChunkChecksum target) {

        boolean equal() {
            return source.equals(target);
        }
    }

    private final TableSide source;
    private final TableSide target;
    private final ExecutorService targetThread = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "verify-target-checksums");
        thread.setDaemon(true);
        return thread;
    });

    ChecksumPair(TableSide source, TableSide target) {
        this.source = source;
        this.target = target;
    }

    Sums of(KeyRange range) throws SQLException, InterruptedException {
        Future<ChunkChecksum> targetSum = targetThread.submit(() -> target.checksum(range));
        ChunkChecksum sourceSum;
        try {
            sourceSum = source.checksum(range);
        } catch (SQLException failure) {
            // let the target's query finish before the caller ends its snapshot on that connection
            awaitQuietly(targetSum, failure);
            throw failure;
        }
        try {
            return new Sums(sourceSum, targetSum.get());
        } catch (ExecutionException failed) {
            if (failed.getCause() instanceof SQLException sql) {
                throw sql;
            }
            throw new IllegalStateException("target checksum failed", failed.getCause());
        }
    }

    private static void awaitQuietly(Future<ChunkChecksum> pending, SQLException primary) throws InterruptedException {
        try {
            pending.get();
        } catch (ExecutionException alsoFailed) {
            primary.addSuppressed(alsoFailed.getCause());
        }
    }

    @Override
    public void close() {
        targetThread.shutdownNow();
    }
}
