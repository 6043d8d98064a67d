package io.sluice.jdbc.sink.write;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.jdbc.sink.config.JdbcSinkConfig;
import io.sluice.jdbc.sink.dialect.TableName;
import io.sluice.jdbc.sink.record.RecordInterpreter;
import io.sluice.jdbc.sink.record.SinkChange;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

/** Collapsing of several changes to one key inside a flush. */
class TableBufferTest {

    private static final Schema KEY = SchemaBuilder.struct().field("id", Schema.INT32_SCHEMA).build();
    private static final Schema VALUE = SchemaBuilder.struct()
            .field("id", Schema.INT32_SCHEMA).field("v", Schema.OPTIONAL_STRING_SCHEMA).build();

    private final RecordInterpreter interpreter = new RecordInterpreter(new JdbcSinkConfig(Map.of(
            "connection.url", "jdbc:postgresql://db/x", "insert.mode", "upsert",
            "primary.key.mode", "record_key", "delete.enabled", "true")));
    private long offset;

    private SinkChange upsert(int id, String v) {
        return interpreter.interpret(new SinkRecord("t", 0, KEY, new Struct(KEY).put("id", id), VALUE,
                new Struct(VALUE).put("id", id).put("v", v), offset++));
    }

    private SinkChange delete(int id) {
        return interpreter.interpret(new SinkRecord("t", 0, KEY, new Struct(KEY).put("id", id), null, null, offset++));
    }

    private static List<String> describe(List<SinkChange> changes) {
        return changes.stream().map(c -> c.key()[0] + (c.values() == null ? "" : "=" + c.values()[0])).toList();
    }

    @Test
    void theLastChangeOfAKeyWinsInTheOrderOfLastChanges() {
        TableBuffer buffer = new TableBuffer(new TableName(null, "t"), true);
        List.of(upsert(1, "a"), upsert(2, "b"), upsert(1, "c"), upsert(3, "d")).forEach(buffer::add);
        assertThat(describe(buffer.writes())).containsExactly("2=b", "1=c", "3=d");
        assertThat(buffer.deletes()).isEmpty();
    }

    @Test
    void anInsertThenDeleteEndsAsTheDelete() {
        TableBuffer buffer = new TableBuffer(new TableName(null, "t"), true);
        List.of(upsert(1, "a"), delete(1)).forEach(buffer::add);
        assertThat(buffer.writes()).isEmpty();
        assertThat(describe(buffer.deletes())).containsExactly("1");
    }

    @Test
    void aDeleteThenReinsertKeepsTheDeleteInFrontOfTheInsert() {
        TableBuffer buffer = new TableBuffer(new TableName(null, "t"), true);
        List.of(delete(1), upsert(1, "again"), upsert(1, "later"), upsert(2, "x")).forEach(buffer::add);
        assertThat(describe(buffer.deletes())).containsExactly("1=later");
        assertThat(describe(buffer.writes())).containsExactly("1=later", "2=x");
    }

    @Test
    void aTruncateDropsWhatCameBefore() {
        TableBuffer buffer = new TableBuffer(new TableName(null, "t"), true);
        buffer.add(upsert(1, "a"));
        buffer.add(new SinkChange(SinkChange.Operation.TRUNCATE, "t", null, null, null, null));
        buffer.add(upsert(2, "b"));
        assertThat(buffer.truncate()).isTrue();
        assertThat(describe(buffer.writes())).containsExactly("2=b");
    }

    @Test
    void withoutAKeyNothingCollapses() {
        TableBuffer buffer = new TableBuffer(new TableName(null, "t"), false);
        List.of(upsert(1, "a"), upsert(1, "a")).forEach(buffer::add);
        assertThat(buffer.writes()).hasSize(2);
    }

    @Test
    void bytesKeysCollapseByContent() {
        Schema key = SchemaBuilder.struct().field("k", Schema.BYTES_SCHEMA).build();
        Schema value = SchemaBuilder.struct().field("k", Schema.BYTES_SCHEMA).field("v", Schema.INT32_SCHEMA).build();
        TableBuffer buffer = new TableBuffer(new TableName(null, "t"), true);
        for (int i = 0; i < 3; i++) {
            buffer.add(interpreter.interpret(new SinkRecord("t", 0, key, new Struct(key).put("k", new byte[] {1, 2}),
                    value, new Struct(value).put("k", new byte[] {1, 2}).put("v", i), i)));
        }
        assertThat(buffer.writes()).hasSize(1);
        assertThat(buffer.writes().get(0).values()[0]).isEqualTo(2);
    }
}
