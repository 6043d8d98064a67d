package io.sluice.cdc.mysql.stream;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * The bounded hand-over between the threads that read the database (binlog reader, snapshot readers) and the
 * task's {@code poll()}. Producers block when it is full; a producer's failure is handed over too and fails the
 * next poll, after the records queued before it.
 */
public final class RecordQueue {

    private final BlockingQueue<SourceRecord> records;
    private final int maxBatchSize;
    private volatile Throwable failure;

    public RecordQueue(int capacity, int maxBatchSize) {
        this.records = new ArrayBlockingQueue<>(capacity);
        this.maxBatchSize = maxBatchSize;
    }

    /** Adds a record, waiting while the queue is full. */
    public void put(SourceRecord record) throws InterruptedException {
        records.put(record);
    }

    /** Records a producer's failure; the next poll throws it. */
    public void fail(Throwable cause) {
        if (failure == null) {
            failure = cause;
        }
    }

    public Throwable failure() {
        return failure;
    }

    /**
     * Up to max.batch.size records, waiting up to {@code waitMs} for the first one; null when none came.
     *
     * @throws ConnectException when a producer failed and every record it queued before was handed out
     */
    public List<SourceRecord> poll(long waitMs) throws InterruptedException {
        SourceRecord first = records.poll(waitMs, TimeUnit.MILLISECONDS);
        if (first == null) {
            Throwable cause = failure;
            if (cause != null && records.isEmpty()) {
                throw cause instanceof ConnectException connect ? connect
                        : new ConnectException("Reading the database failed: " + cause.getMessage(), cause);
            }
            return null;
        }
        List<SourceRecord> batch = new ArrayList<>(Math.min(maxBatchSize, records.size() + 1));
        batch.add(first);
        records.drainTo(batch, maxBatchSize - 1);
        return batch;
    }

    public int size() {
        return records.size();
    }

    public int remainingCapacity() {
        return records.remainingCapacity();
    }
}
