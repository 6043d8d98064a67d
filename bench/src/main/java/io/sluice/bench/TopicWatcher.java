package io.sluice.bench;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Counts records in a topic by its end offsets, and times how long a count takes to grow. The topics the
 * bench reads are fresh per run and written only by the measured connector, so end offset = events.
 */
final class TopicWatcher implements AutoCloseable {
    static final long POLL_MS = 50;
    private final Admin admin;

    TopicWatcher(String bootstrap) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(AdminClientConfig.CLIENT_ID_CONFIG, "sluice-bench-watcher");
        admin = Admin.create(p);
    }

    Admin admin() { return admin; }

    /** Records in the topic (sum of end offsets; 0 while the topic does not exist). */
    long count(String topic) {
        try {
            Map<String, TopicDescription> d = admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> req = d.get(topic).partitions().stream()
                    .collect(Collectors.toMap(pi -> new TopicPartition(topic, pi.partition()), pi -> OffsetSpec.latest()));
            return admin.listOffsets(req).all().get(10, TimeUnit.SECONDS).values().stream().mapToLong(i -> i.offset()).sum();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) return 0;
            throw new BenchFailure("reading end offsets of " + topic + " failed", e.getCause());
        } catch (Exception e) {
            throw new BenchFailure("reading end offsets of " + topic + " failed", e);
        }
    }

    /** When a count first moved and when it reached its target, in System.nanoTime(). */
    record Progress(long firstNanos, long firstCount, long lastNanos, long lastCount, boolean partial) {
        double ratePerSecond(long startNanos, long startCount) {
            // From the first poll that saw movement to the poll that saw the target: excludes start-up time.
            // If everything landed between two polls, fall back to the caller's start.
            long n = lastCount - firstCount;
            double seconds = (lastNanos - firstNanos) / 1e9;
            if (n < 1 || seconds < 0.2) {
                return (lastCount - startCount) / ((lastNanos - startNanos) / 1e9);
            }
            return n / seconds;
        }
    }

    /**
     * Polls counter until it reaches target. Fails when it does not grow for stallSeconds, with the
     * connector's state (from diagnose) in the message.
     */
    static Progress awaitCount(String what, LongSupplier counter, long startCount, long target, int stallSeconds,
                               long pollMs, Supplier<String> diagnose) {
        return awaitCount(what, counter, startCount, target, stallSeconds, pollMs, diagnose, Long.MAX_VALUE);
    }

    /** As above, and stops at giveUpNanos (the run's time budget) with a partial progress, or fails when none. */
    static Progress awaitCount(String what, LongSupplier counter, long startCount, long target, int stallSeconds,
                               long pollMs, Supplier<String> diagnose, long giveUpNanos) {
        long firstNanos = -1, firstCount = -1;
        long lastCount = startCount;
        long lastChange = System.nanoTime();
        while (true) {
            long c = counter.getAsLong();
            long now = System.nanoTime();
            if (c > lastCount) {
                if (firstNanos < 0) { firstNanos = now; firstCount = c; }
                lastCount = c;
                lastChange = now;
            }
            if (c >= target) {
                if (firstNanos < 0) { firstNanos = now; firstCount = c; }
                return new Progress(firstNanos, firstCount, now, c, false);
            }
            if (now > giveUpNanos) {
                // Out of time: what arrived so far was measured, so it is returned (marked partial) when there is a
                // span to time; with nothing or a single poll of movement there is no rate to give.
                if (firstNanos >= 0 && lastCount > firstCount && lastChange > firstNanos) {
                    return new Progress(firstNanos, firstCount, lastChange, lastCount, true);
                }
                throw new BenchFailure.BudgetExhausted(what + " stopped: the time budget ran out at " + (lastCount - startCount)
                        + " of " + (target - startCount));
            }
            if (now - lastChange > TimeUnit.SECONDS.toNanos(stallSeconds)) {
                String why = diagnose.get();
                throw new BenchFailure(what + " stalled at " + (lastCount - startCount) + " of " + (target - startCount)
                        + " for " + stallSeconds + " s" + (why.isEmpty() ? "" : " (" + why + ")"));
            }
            ConnectClient.sleep(pollMs);
        }
    }

    void deleteTopics(List<String> topics) {
        try {
            admin.deleteTopics(topics).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                throw new BenchFailure("deleting topics " + topics + " failed", e.getCause());
            }
        } catch (Exception e) {
            throw new BenchFailure("deleting topics " + topics + " failed", e);
        }
    }

    List<String> topicsStartingWith(String prefix) {
        try {
            return admin.listTopics().names().get(10, TimeUnit.SECONDS).stream().filter(t -> t.startsWith(prefix)).sorted().toList();
        } catch (Exception e) {
            throw new BenchFailure("listing topics failed", e);
        }
    }

    @Override
    public void close() { admin.close(); }
}
