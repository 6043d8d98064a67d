package io.sluice.jdbc.source;

import io.sluice.schema.SluiceVersion;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;

/** Placeholder task; replaced by the real one in its own issue. */
public class JdbcSourceTask extends SourceTask {

    @Override
    public String version() {
        return SluiceVersion.get();
    }

    @Override
    public void start(Map<String, String> props) {
        throw new ConnectException("JdbcSourceConnector is not implemented yet");
    }

    @Override
    public List<SourceRecord> poll() {
        return null;
    }

    @Override
    public void stop() {
    }
}
