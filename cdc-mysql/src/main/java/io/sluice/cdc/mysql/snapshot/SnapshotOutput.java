package io.sluice.cdc.mysql.snapshot;

import io.sluice.cdc.mysql.schema.CapturedTable;
import io.sluice.cdc.mysql.schema.TableId;
import io.sluice.cdc.mysql.stream.BinlogOffset;
import io.sluice.cdc.mysql.stream.ChangeRecords;
import io.sluice.cdc.mysql.stream.RecordQueue;
import io.sluice.schema.event.Operation;
import io.sluice.schema.event.SnapshotMarker;
import io.sluice.schema.event.SourceSchemas;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Hands the snapshot readers' rows to the queue in one order, with offsets that never claim more progress than
 * the records before them delivered: a row carries the progress as of the last finished chunk, and the last row
 * of a chunk carries the progress including it. Holds back the latest record so that the very last one can be
 * marked {@code last} and carry the offset where streaming starts.
 */
final class SnapshotOutput {

    private final RecordQueue queue;
    private final ChangeRecords records;
    private final BinlogOffset position;
    private final SnapshotProgress progress;
    private Map<String, Object> offset;
    private SourceRecord held;
    private boolean first = true;
    private long total;
    // One source block per table and millisecond, shared by the rows read in it (see row()).
    private final Map<TableId, Struct> sources = new HashMap<>();
    private long sourcesMs;

    SnapshotOutput(RecordQueue queue, ChangeRecords records, BinlogOffset position, SnapshotProgress progress) {
        this.queue = queue;
        this.records = records;
        this.position = position;
        this.progress = progress;
        this.offset = snapshotOffset();
    }

    private Map<String, Object> snapshotOffset() {
        return position.withSnapshot(true, progress.encode()).toMap();
    }

    /**
     * Writes a row read by the snapshot.
     *
     * @param chunkEnd the key of this row when it ends a chunk (recorded as progress), else null
     * @param tableEnd whether this row is the table's last
     */
    synchronized void row(CapturedTable table, Object[] row, List<String> chunkEnd, boolean tableEnd)
            throws InterruptedException {
        if (tableEnd) {
            progress.tableDone(table.id());
            offset = snapshotOffset();
        } else if (chunkEnd != null) {
            progress.chunkDone(table.id(), chunkEnd);
            offset = snapshotOffset();
        }
        Struct source;
        if (first) {
            source = source(table, SnapshotMarker.FIRST, System.currentTimeMillis());
            first = false;
        } else {
            // The source blocks of snapshot rows differ only by table and time: building and validating one per row
            // took a quarter of the snapshot thread's time in a profile. Records only read them; finish() gives the
            // last record a block of its own.
            long now = System.currentTimeMillis();
            if (now != sourcesMs) {
                sources.clear();
                sourcesMs = now;
            }
            source = sources.computeIfAbsent(table.id(), id -> source(table, SnapshotMarker.TRUE, now));
        }
        SourceRecord record = records.change(table, Operation.READ, null, row, source, offset, null);
        if (held != null) {
            queue.put(held);
        }
        held = record;
        total++;
    }

    private Struct source(CapturedTable table, SnapshotMarker marker, long tsMs) {
        return records.source(table.id().database(), table.id().table(), marker, tsMs, 0, position.gtids(),
                position.file(), position.position(), 0, null);
    }

    /** Records a table's end when its last row was already written (or it had none). */
    synchronized void tableDone(TableId id) {
        progress.tableDone(id);
        offset = snapshotOffset();
    }

    /** Writes the held-back record as the snapshot's last, carrying the offset streaming starts from. */
    synchronized void finish() throws InterruptedException {
        if (held != null) {
            Struct value = (Struct) held.value();
            Struct shared = value.getStruct("source");
            Struct source = new Struct(shared.schema());
            for (org.apache.kafka.connect.data.Field field : shared.schema().fields()) {
                source.put(field, shared.get(field));
            }
            source.put(SourceSchemas.SNAPSHOT, SnapshotMarker.LAST.value());
            value.put("source", source);
            queue.put(new SourceRecord(held.sourcePartition(), position.toMap(), held.topic(), null,
                    held.keySchema(), held.key(), held.valueSchema(), held.value()));
            held = null;
        }
    }

    synchronized long total() {
        return total;
    }
}
