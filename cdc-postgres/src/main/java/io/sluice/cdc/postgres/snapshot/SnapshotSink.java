package io.sluice.cdc.postgres.snapshot;

import io.sluice.cdc.postgres.ChangeRecords;
import io.sluice.cdc.postgres.EventQueue;
import io.sluice.schema.event.SnapshotMarker;
import java.util.Map;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Where the snapshot's table readers put their records. It holds back the latest record so that the very last
 * one of the snapshot can be marked {@code last} and carry the offset that says the snapshot is complete.
 */
final class SnapshotSink {

    private final EventQueue queue;
    private SourceRecord held;
    private boolean first = true;

    SnapshotSink(EventQueue queue) {
        this.queue = queue;
    }

    synchronized void put(SourceRecord record) throws InterruptedException {
        if (first) {
            ChangeRecords.markSnapshot(record, SnapshotMarker.FIRST);
            first = false;
        }
        if (held != null) {
            queue.put(held);
        }
        held = record;
    }

    /** Hands over the held record, marked last and carrying {@code completedOffset}. */
    synchronized void finish(Map<String, ?> completedOffset) throws InterruptedException {
        if (held == null) {
            return;
        }
        ChangeRecords.markSnapshot(held, SnapshotMarker.LAST);
        queue.put(new SourceRecord(held.sourcePartition(), completedOffset, held.topic(), held.kafkaPartition(),
                held.keySchema(), held.key(), held.valueSchema(), held.value(), held.timestamp()));
        held = null;
    }
}
