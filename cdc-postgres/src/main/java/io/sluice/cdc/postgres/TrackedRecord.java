package io.sluice.cdc.postgres;

import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * A streamed record numbered in the order it was read, so that its acknowledgement ({@code commitRecord})
 * can move the slot's flushed LSN. Connect hands the task back the very record it produced, before transforms.
 */
public final class TrackedRecord extends SourceRecord {

    private final long sequence;
    private boolean endsTransaction;

    public TrackedRecord(long sequence, Map<String, ?> sourcePartition, Map<String, ?> sourceOffset, String topic,
            Schema keySchema, Object key, Schema valueSchema, Object value, Long timestamp) {
        super(sourcePartition, sourceOffset, topic, null, keySchema, key, valueSchema, value, timestamp);
        this.sequence = sequence;
    }

    public long sequence() {
        return sequence;
    }

    /** Marks the last record of a database transaction (set before the record is queued). */
    public void markTransactionEnd() {
        endsTransaction = true;
    }

    /** Whether this is the last record of its database transaction (or a heartbeat between transactions). */
    public boolean endsTransaction() {
        return endsTransaction;
    }

    @Override
    public boolean equals(Object o) {
        return super.equals(o);
    }

    @Override
    public int hashCode() {
        return super.hashCode();
    }
}
