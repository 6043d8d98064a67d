package io.sluice.jdbc.sink.write;

import io.sluice.jdbc.sink.record.SinkChange;
import org.apache.kafka.connect.errors.DataException;

/** A record whose values cannot be bound (wrong type, null key...): the record's fault, not the database's. */
final class BadRecordException extends DataException {

    private final transient SinkChange change;

    BadRecordException(SinkChange change, String message, Throwable cause) {
        super(message, cause);
        this.change = change;
    }

    SinkChange change() {
        return change;
    }
}
