package io.sluice.it.fault;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.it.TopicReader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Reads a pipeline's change topics from the beginning and checks them against a {@link ChangeLog}: every
 * committed change must be there as an event (c/u/r carrying that version, d for a delete). Keeps reading
 * across calls, so a test can audit, fault again, and audit again.
 */
public final class TopicAudit implements AutoCloseable {

    private final Map<String, TopicReader> readers = new HashMap<>();
    // change key -> how many c/u/d events carried it
    private final Map<String, Integer> streamed = new HashMap<>();
    private final Set<String> snapshotted = new HashSet<>();
    private int events;
    private int snapshotEvents;

    /** @param topics table name -> its change topic */
    public TopicAudit(String bootstrapServers, Map<String, String> topics, boolean readCommittedOnly) {
        topics.forEach((table, topic) -> readers.put(table, new TopicReader(bootstrapServers, topic, readCommittedOnly)));
    }

    /** What the topics held against what was committed. */
    public record Result(int driven, int found, int missingCount, List<String> missing, int duplicates, int events,
            int snapshotEvents) {

        public boolean complete() {
            return missingCount == 0;
        }

        @Override
        public String toString() {
            return "driven " + driven + ", found " + found + ", missing " + missingCount
                    + (missing.isEmpty() ? "" : " (first: " + missing + ")") + ", duplicates " + duplicates
                    + ", events read " + events + " (" + snapshotEvents + " snapshot)";
        }
    }

    /**
     * Reads until every change in {@code expected} is found or the timeout passes, then until the topics are
     * quiet for 3 s (to count late duplicates).
     */
    public Result awaitAll(Set<String> expected, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (missing(expected, false).size() > 0 && Instant.now().isBefore(deadline)) {
            readOnce(Duration.ofSeconds(1));
        }
        Instant quietUntil = Instant.now().plusSeconds(3);
        while (Instant.now().isBefore(quietUntil) && Instant.now().isBefore(deadline.plusSeconds(30))) {
            if (readOnce(Duration.ofMillis(500)) > 0) {
                quietUntil = Instant.now().plusSeconds(3);
            }
        }
        return result(expected, false);
    }

    /** As {@link #awaitAll}, but a snapshot ({@code r}) event also counts as finding a change. */
    public Result awaitAllIncludingSnapshots(Set<String> expected, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (missing(expected, true).size() > 0 && Instant.now().isBefore(deadline)) {
            readOnce(Duration.ofSeconds(1));
        }
        return result(expected, true);
    }

    /** Reads what arrives within {@code duration}; returns the snapshot events among it. */
    public int readFor(Duration duration) {
        int before = snapshotEvents;
        Instant until = Instant.now().plus(duration);
        while (Instant.now().isBefore(until)) {
            readOnce(Duration.ofMillis(500));
        }
        return snapshotEvents - before;
    }

    /** Reads until at least {@code count} snapshot events arrived in all, or the timeout passed; returns them. */
    public int awaitSnapshotEvents(int count, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (snapshotEvents < count && Instant.now().isBefore(deadline)) {
            readOnce(Duration.ofSeconds(1));
        }
        return snapshotEvents;
    }

    public int events() {
        return events;
    }

    public int snapshotEvents() {
        return snapshotEvents;
    }

    private Result result(Set<String> expected, boolean snapshotsCount) {
        List<String> missing = missing(expected, snapshotsCount);
        int duplicates = streamed.values().stream().mapToInt(count -> count - 1).sum();
        return new Result(expected.size(), expected.size() - missing.size(), missing.size(),
                missing.stream().sorted().limit(10).toList(), duplicates, events, snapshotEvents);
    }

    private List<String> missing(Set<String> expected, boolean snapshotsCount) {
        List<String> missing = new ArrayList<>();
        for (String change : expected) {
            if (!streamed.containsKey(change) && !(snapshotsCount && snapshotted.contains(change))) {
                missing.add(change);
            }
        }
        return missing;
    }

    private int readOnce(Duration wait) {
        int read = 0;
        for (Map.Entry<String, TopicReader> entry : readers.entrySet()) {
            for (ConsumerRecord<byte[], byte[]> record : entry.getValue().poll(wait.dividedBy(readers.size()))) {
                read++;
                note(entry.getKey(), TopicReader.payload(record.value()));
            }
        }
        return read;
    }

    private void note(String table, JsonNode value) {
        if (value == null || value.isNull()) {
            return; // a tombstone follows each delete
        }
        events++;
        String op = value.path("op").asText();
        String change = switch (op) {
            case "d" -> ChangeLog.key(table, value.path("before").path("id").asLong(), ChangeLog.DELETED);
            default -> ChangeLog.key(table, value.path("after").path("id").asLong(), value.path("after").path("version").asInt());
        };
        if (op.equals("r")) {
            snapshotEvents++;
            snapshotted.add(change);
        } else {
            streamed.merge(change, 1, Integer::sum);
        }
    }

    @Override
    public void close() {
        readers.values().forEach(TopicReader::close);
    }
}
