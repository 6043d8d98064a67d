package io.sluice.jdbc.sink;

import io.sluice.schema.SluiceVersion;
import java.util.Collection;
import java.util.Map;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;

/** Placeholder task; replaced by the real one in its own issue. */
public class JdbcSinkTask extends SinkTask {

    @Override
    public String version() {
        return SluiceVersion.get();
    }

    @Override
    public void start(Map<String, String> props) {
        throw new ConnectException("JdbcSinkConnector is not implemented yet");
    }

    @Override
    public void put(Collection<SinkRecord> records) {
    }

    @Override
    public void stop() {
    }
}
