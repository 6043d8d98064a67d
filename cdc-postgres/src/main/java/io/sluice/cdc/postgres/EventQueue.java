package io.sluice.cdc.postgres;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * The bounded hand-over between the threads reading the database and the worker's {@code poll()}. Readers block
 * when it is full, which is what slows them to the pace of Kafka. A reader that fails records its error here and
 * {@code poll()} rethrows it once the records queued before the failure are delivered.
 */
public final class EventQueue {

    private final ArrayBlockingQueue<SourceRecord> queue;
    private final int maxBatchSize;
    private volatile Throwable failure;

    public EventQueue(int capacity, int maxBatchSize) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.maxBatchSize = maxBatchSize;
    }

    public void put(SourceRecord record) throws InterruptedException {
        queue.put(record);
    }

    public void fail(Throwable error) {
        if (failure == null) {
            failure = error;
        }
    }

    /** Up to max.batch.size records; waits up to {@code timeoutMs} for the first one; null when none came. */
    public List<SourceRecord> poll(long timeoutMs) throws InterruptedException {
        SourceRecord first = queue.poll(timeoutMs, TimeUnit.MILLISECONDS);
        if (first == null) {
            Throwable error = failure;
            if (error != null) {
                throw error instanceof ConnectException ce ? ce : new ConnectException(error.getMessage(), error);
            }
            return null;
        }
        List<SourceRecord> batch = new ArrayList<>(Math.min(maxBatchSize, queue.size() + 1));
        batch.add(first);
        queue.drainTo(batch, maxBatchSize - 1);
        return batch;
    }

    public int remainingCapacity() {
        return queue.remainingCapacity();
    }

    public int size() {
        return queue.size();
    }
}
