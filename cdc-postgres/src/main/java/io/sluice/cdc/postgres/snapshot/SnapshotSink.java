package io.sluice.cdc.postgres.snapshot;

import io.sluice.cdc.postgres.ChangeRecords;
import io.sluice.cdc.postgres.EventQueue;
import io.sluice.cdc.postgres.SourceOffsets;
import io.sluice.cdc.postgres.table.CapturedTable;
import io.sluice.cdc.postgres.table.TableId;
import io.sluice.schema.event.SnapshotMarker;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Where the snapshot's table readers put their rows. Under one lock it records the row's key in the snapshot
 * progress, gives the record an offset that includes that key, and queues it, so that the offset of any queued
 * record covers exactly the records queued before it and itself, whichever table thread wrote them: a restart
 * resumes right after the last record Connect committed, with no row repeated or skipped.
 *
 * <p>It holds back the latest record so that the very last one of the snapshot can be marked {@code last} and
 * carry the offset that says the snapshot is complete.
 */
final class SnapshotSink {

    private final EventQueue queue;
    private final ChangeRecords records;
    private final SnapshotProgress progress;
    private final long snapshotLsn;
    private SourceRecord held;
    private boolean first = true;

    SnapshotSink(EventQueue queue, ChangeRecords records, SnapshotProgress progress, long snapshotLsn) {
        this.queue = queue;
        this.records = records;
        this.progress = progress;
        this.snapshotLsn = snapshotLsn;
    }

    /**
     * Queues one snapshot row of {@code id}; {@code rowKey} is its primary-key text, or null for a table without
     * a primary key (which a restart reads again from its start).
     */
    synchronized void put(TableId id, List<String> rowKey, CapturedTable table, Struct key, Struct envelope)
            throws InterruptedException {
        if (rowKey != null) {
            progress.rowEmitted(id, rowKey);
        }
        Map<String, Object> offset = SourceOffsets.snapshot(snapshotLsn, progress.current());
        SourceRecord record = records.snapshotRecord(table, key, envelope, offset);
        if (first) {
            ChangeRecords.markSnapshot(record, SnapshotMarker.FIRST);
            first = false;
        }
        if (held != null) {
            queue.put(held);
        }
        held = record;
    }

    /** Marks the table complete in the progress that later records carry. */
    synchronized void tableCompleted(TableId id) {
        progress.tableCompleted(id);
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
