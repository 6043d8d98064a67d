package io.sluice.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;

/**
 * Emits {@code rows} records of the bench table in batches of 10,000, as jdbc-source's bulk mode does with
 * batch.max.rows=10000: the same value schema (what jdbc-source maps the PostgreSQL and the MariaDB table to), the
 * same values, one source partition for the table and the empty offset bulk mode stores. The 10,000 structs are
 * built once and sent over and over, so that the rate measures the worker, not this task.
 */
public class SyntheticRowsTask extends SourceTask {
    private static final int BATCH = 10_000;

    private String topic;
    private long rows;
    private long sent;
    private Schema schema;
    private Struct[] batch;
    private Map<String, String> partition;

    @Override
    public void start(Map<String, String> props) {
        AbstractConfig config = new AbstractConfig(SyntheticRowsSource.CONFIG, props);
        topic = config.getString(SyntheticRowsSource.TOPIC);
        rows = config.getLong(SyntheticRowsSource.ROWS);
        String name = config.getString(SyntheticRowsSource.SCHEMA_NAME);
        schema = tableSchema(name.isEmpty() ? null : name);
        partition = Map.of("table", name);
        batch = new Struct[BATCH];
        for (int i = 0; i < BATCH; i++) {
            batch[i] = row(schema, i + 1);
        }
    }

    /** The bench table as jdbc-source maps it: id is NOT NULL, the other columns are nullable. */
    static Schema tableSchema(String name) {
        SchemaBuilder value = SchemaBuilder.struct();
        if (name != null) {
            value.name(name);
        }
        return value.field("id", Schema.INT64_SCHEMA)
                .field("qty", Schema.OPTIONAL_INT32_SCHEMA)
                .field("account", Schema.OPTIONAL_INT64_SCHEMA)
                .field("amount", Decimal.builder(2).optional().build())
                .field("score", Schema.OPTIONAL_FLOAT64_SCHEMA)
                .field("code", Schema.OPTIONAL_STRING_SCHEMA)
                .field("note", Schema.OPTIONAL_STRING_SCHEMA)
                .field("active", Schema.OPTIONAL_BOOLEAN_SCHEMA)
                .field("created_at", Timestamp.builder().optional().build())
                .field("day", Date.builder().optional().build())
                .build();
    }

    static Struct row(Schema schema, long id) {
        return new Struct(schema)
                .put("id", id)
                .put("qty", Rows.qty(id))
                .put("account", Rows.account(id))
                .put("amount", Rows.amount(id))
                .put("score", Rows.score(id))
                .put("code", Rows.code(id))
                .put("note", Rows.note(id))
                .put("active", Rows.active(id))
                .put("created_at", java.util.Date.from(Rows.createdAt(id)))
                .put("day", new java.util.Date(Rows.day(id).toEpochDay() * 86_400_000L));
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        if (sent >= rows) {
            Thread.sleep(200);
            return null;
        }
        int n = (int) Math.min(BATCH, rows - sent);
        List<SourceRecord> records = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            records.add(new SourceRecord(partition, Map.of(), topic, null, null, null, schema, batch[i]));
        }
        sent += n;
        return records;
    }

    @Override
    public void stop() {
    }

    @Override
    public String version() {
        return "bench";
    }
}
