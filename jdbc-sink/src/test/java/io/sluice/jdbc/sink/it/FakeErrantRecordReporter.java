package io.sluice.jdbc.sink.it;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;

/** A dead letter queue in memory. */
final class FakeErrantRecordReporter implements ErrantRecordReporter {

    record Reported(SinkRecord record, Throwable error) {
    }

    final List<Reported> reported = new ArrayList<>();

    @Override
    public Future<Void> report(SinkRecord record, Throwable error) {
        reported.add(new Reported(record, error));
        return CompletableFuture.completedFuture(null);
    }
}
