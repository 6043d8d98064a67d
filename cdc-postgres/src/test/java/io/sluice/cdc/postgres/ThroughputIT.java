package io.sluice.cdc.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Rough rates of the snapshot and the stream through the JSON converter (with schemas), printed for the record.
 * Long: runs only with -Dsluice.long=true. Benchmarks against a real worker live in bench/.
 */
@EnabledIfSystemProperty(named = "sluice.long", matches = "true")
class ThroughputIT {

    private static final int ROWS = Integer.getInteger("sluice.rows", 1_000_000);
    /** -Dsluice.json=false measures the connector alone, without the converter's share. */
    private static final boolean JSON = !"false".equals(System.getProperty("sluice.json"));

    private TestDatabase db;

    @BeforeEach
    void setUp() throws Exception {
        db = new TestDatabase("throughput");
        db.execute("CREATE TABLE t (id bigint PRIMARY KEY, name text, amount numeric(12,2), created timestamptz, "
                + "flag boolean)");
    }

    @AfterEach
    void tearDown() throws Exception {
        db.close();
    }

    @Test
    void snapshotAndStreamRates() throws Exception {
        db.execute("INSERT INTO t SELECT g, 'name ' || g, g * 1.25, now(), g % 2 = 0 FROM generate_series(1, " + ROWS + ") g",
                "VACUUM ANALYZE t");
        JsonConverter json = new JsonConverter();
        json.configure(Map.of("schemas.enable", "true"), false);
        try (TaskRunner runner = new TaskRunner(db.config("snapshot.fetch.size", "10000")).start()) {
            long started = System.nanoTime();
            long cpuStarted = processCpuNanos();
            long count = drain(runner, json, ROWS);
            double seconds = (System.nanoTime() - started) / 1e9;
            double cpuSeconds = (processCpuNanos() - cpuStarted) / 1e9;
            System.out.printf("SNAPSHOT %d rows in %.1f s: %.0f rows/s, %.0f rows per connector CPU second "
                    + "(JSON with schemas: " + JSON + ")%n", count, seconds, count / seconds, count / cpuSeconds);
            assertThat(count).isEqualTo(ROWS);

            int transactions = ROWS / 1000;
            db.execute("CREATE TABLE done (id int)");
            for (int i = 0; i < transactions; i++) {
                long from = ROWS + (long) i * 1000 + 1;
                db.execute("INSERT INTO t SELECT g, 'name ' || g, g * 1.25, now(), true FROM generate_series(" + from
                        + ", " + (from + 999) + ") g");
            }
            started = System.nanoTime();
            cpuStarted = processCpuNanos();
            count = drain(runner, json, transactions * 1000L);
            seconds = (System.nanoTime() - started) / 1e9;
            cpuSeconds = (processCpuNanos() - cpuStarted) / 1e9;
            System.out.printf("STREAM %d changes in %.1f s: %.0f events/s, %.0f events per connector CPU second "
                    + "(JSON with schemas: " + JSON + ", %d tx of 1000)%n", count, seconds, count / seconds, count / cpuSeconds,
                    transactions);
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static long drain(TaskRunner runner, JsonConverter json, long expected) throws InterruptedException {
        long count = 0;
        long bytes = 0;
        while (count < expected) {
            List<SourceRecord> batch = runner.poll(1, java.time.Duration.ofSeconds(60));
            for (SourceRecord r : batch) {
                if (!JSON) {
                    bytes++;
                    continue;
                }
                bytes += json.fromConnectData(r.topic(), r.valueSchema(), r.value()).length;
                if (r.key() != null) {
                    bytes += json.fromConnectData(r.topic(), r.keySchema(), r.key()).length;
                }
            }
            count += batch.size();
            runner.commit(batch);
        }
        assertThat(bytes).isPositive();
        return count;
    }
}
