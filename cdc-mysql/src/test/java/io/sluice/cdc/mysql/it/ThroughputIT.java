package io.sluice.cdc.mysql.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a backlog of inserts from the binlog, and a table by snapshot, serialising every record with the JSON
 * converter as a worker would, and logs the rates. A measurement, not a timing assertion; run with {@code -Dsluice.long=true}.
 */
@EnabledIfSystemProperty(named = "sluice.long", matches = "true")
class ThroughputIT {

    private static final Logger LOG = LoggerFactory.getLogger(ThroughputIT.class);
    private static final int ROWS = Integer.getInteger("sluice.bench.rows", 300_000);

    @Test
    void streamsABacklogOfInserts() throws Exception {
        try (TestDatabase db = new TestDatabase("bench")) {
            db.execute("CREATE TABLE orders (id INT PRIMARY KEY, customer VARCHAR(40), total DECIMAL(10,2), "
                    + "created DATETIME(6), status ENUM('new','paid','sent'))");
            Map<String, String> config = TaskHarness.config("bench", db.name(), 5590);
            config.put("snapshot.mode", "no_data");
            config.put("include.schema.changes", "false");
            config.put("max.batch.size", "4096");
            config.put("max.queue.size", "16384");
            TaskHarness task = new TaskHarness(config);
            // Each run reads from where the inserts begin.
            String gtids = db.queryString("SELECT @@gtid_binlog_pos");
            for (int start = 0; start < ROWS; start += 1000) {
                StringBuilder insert = new StringBuilder("INSERT INTO orders VALUES ");
                for (int i = start; i < start + 1000; i++) {
                    insert.append(i == start ? "" : ",").append('(').append(i).append(", 'customer-").append(i % 977)
                            .append("', ").append(i % 10000).append(".25, '2024-01-31 11:45:30.123456', 'paid')");
                }
                db.execute(insert.toString());
            }
            for (String mode : List.of("none", "json", "json-with-schemas")) {
                JsonConverter json = new JsonConverter();
                json.configure(Map.of("schemas.enable", Boolean.toString(mode.equals("json-with-schemas"))), false);
                task.seedOffset(Map.of("server", "bench"), Map.of("gtids", gtids, "file", "unused", "pos", 4L));
                long started = System.nanoTime();
                task.start();
                int taken = 0;
                long bytes = 0;
                while (taken < ROWS) {
                    List<SourceRecord> records = task.take(Math.min(4096, ROWS - taken), "bench.cdc_my_bench.orders");
                    if (!mode.equals("none")) {
                        for (SourceRecord record : records) {
                            bytes += json.fromConnectData(record.topic(), record.keySchema(), record.key()).length;
                            bytes += json.fromConnectData(record.topic(), record.valueSchema(), record.value()).length;
                        }
                    }
                    taken += records.size();
                }
                double seconds = (System.nanoTime() - started) / 1e9;
                LOG.info("Streamed {} rows in {} s: {} events/s, converter {} ({} MB)", ROWS,
                        String.format("%.2f", seconds), (long) (ROWS / seconds), mode, bytes / 1_000_000);
                task.stop();
                assertThat(taken).isEqualTo(ROWS);
            }
            task.close();
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    @Test
    void snapshotsATable() throws Exception {
        try (TestDatabase db = new TestDatabase("bench_snap")) {
            db.execute("CREATE TABLE orders (id INT PRIMARY KEY, customer VARCHAR(40), total DECIMAL(10,2), "
                    + "created DATETIME(6), status ENUM('new','paid','sent'))");
            for (int start = 0; start < ROWS; start += 1000) {
                StringBuilder insert = new StringBuilder("INSERT INTO orders VALUES ");
                for (int i = start; i < start + 1000; i++) {
                    insert.append(i == start ? "" : ",").append('(').append(i).append(", 'customer-").append(i % 977)
                            .append("', ").append(i % 10000).append(".25, '2024-01-31 11:45:30.123456', 'paid')");
                }
                db.execute(insert.toString());
            }
            Map<String, String> config = TaskHarness.config("benchsnap", db.name(), 5591);
            config.put("snapshot.mode", "initial_only");
            config.put("max.batch.size", "4096");
            config.put("max.queue.size", "16384");
            JsonConverter json = new JsonConverter();
            json.configure(Map.of("schemas.enable", "false"), false);
            long started = System.nanoTime();
            long cpuStarted = processCpuNanos();
            try (TaskHarness task = new TaskHarness(config).start()) {
                int taken = 0;
                while (taken < ROWS) {
                    List<SourceRecord> records = task.take(Math.min(4096, ROWS - taken),
                            "benchsnap.cdc_my_bench_snap.orders");
                    for (SourceRecord record : records) {
                        json.fromConnectData(record.topic(), record.valueSchema(), record.value());
                    }
                    taken += records.size();
                }
                double seconds = (System.nanoTime() - started) / 1e9;
                // CPU time per row depends less on what else runs on the machine than the rate does.
                double cpuMicrosPerRow = (processCpuNanos() - cpuStarted) / 1e3 / ROWS;
                LOG.info("Snapshot of {} rows in {} s: {} rows/s with the JSON converter; process CPU {} us/row "
                        + "(reader, task and converter)", ROWS, String.format("%.2f", seconds), (long) (ROWS / seconds),
                        String.format("%.1f", cpuMicrosPerRow));
                assertThat(taken).isEqualTo(ROWS);
            }
        }
    }
}
