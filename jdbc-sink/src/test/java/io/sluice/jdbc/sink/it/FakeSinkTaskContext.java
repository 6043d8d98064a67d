package io.sluice.jdbc.sink.it;

import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkTaskContext;

/** The worker's side of a sink task, reduced to what the tests look at. */
final class FakeSinkTaskContext implements SinkTaskContext {

    private final Map<String, String> configs;
    private final ErrantRecordReporter reporter;
    private final Set<TopicPartition> assignment = new HashSet<>();

    FakeSinkTaskContext(Map<String, String> configs, ErrantRecordReporter reporter) {
        this.configs = configs;
        this.reporter = reporter;
    }

    @Override
    public Map<String, String> configs() {
        return configs;
    }

    @Override
    public void offset(Map<TopicPartition, Long> offsets) {
    }

    @Override
    public void offset(TopicPartition tp, long offset) {
    }

    @Override
    public void timeout(long timeoutMs) {
    }

    @Override
    public Set<TopicPartition> assignment() {
        return assignment;
    }

    @Override
    public void pause(TopicPartition... partitions) {
    }

    @Override
    public void resume(TopicPartition... partitions) {
    }

    @Override
    public void requestCommit() {
    }

    @Override
    public ErrantRecordReporter errantRecordReporter() {
        return reporter;
    }

    void assign(Collection<TopicPartition> partitions) {
        assignment.addAll(partitions);
    }
}
