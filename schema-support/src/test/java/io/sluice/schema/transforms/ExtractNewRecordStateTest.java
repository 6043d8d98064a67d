package io.sluice.schema.transforms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.schema.event.ChangeEventSchema;
import io.sluice.schema.event.Operation;
import io.sluice.schema.event.SnapshotMarker;
import io.sluice.schema.event.SourceSchemas;
import io.sluice.schema.event.HeartbeatSchemas;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

class ExtractNewRecordStateTest {

    static final ChangeEventSchema EVENTS = ChangeEventSchema.of("shop", "public", "customers",
            SchemaBuilder.struct().field("id", Schema.INT32_SCHEMA).build(),
            SchemaBuilder.struct().field("id", Schema.INT32_SCHEMA).field("email", Schema.OPTIONAL_STRING_SCHEMA).build(),
            SourceSchemas.postgres());

    static Struct row(int id, String email) {
        return new Struct(EVENTS.valueSchema()).put("id", id).put("email", email);
    }

    static Struct source() {
        return new Struct(SourceSchemas.postgres()).put("version", "0.1.0").put("connector", "postgresql")
                .put("name", "shop").put("ts_ms", 1_700_000_000_000L).put("snapshot", SnapshotMarker.FALSE.value())
                .put("db", "sluice").put("schema", "public").put("table", "customers").put("lsn", 4242L);
    }

    static SourceRecord event(Operation op, Struct before, Struct after) {
        Struct key = new Struct(EVENTS.keySchema()).put("id", after != null ? after.getInt32("id") : before.getInt32("id"));
        return new SourceRecord(Map.of(), Map.of(), "shop.public.customers", null, EVENTS.keySchema(), key,
                EVENTS.envelopeSchema(), EVENTS.envelope(op, before, after, source(), 5_000_000_000L, null));
    }

    static SourceRecord tombstone() {
        Struct key = new Struct(EVENTS.keySchema()).put("id", 1);
        return new SourceRecord(Map.of(), Map.of(), "shop.public.customers", null, EVENTS.keySchema(), key, null, null);
    }

    static ExtractNewRecordState<SourceRecord> unwrap(Map<String, String> config) {
        ExtractNewRecordState<SourceRecord> transform = new ExtractNewRecordState<>();
        transform.configure(config);
        return transform;
    }

    @Test
    void createsAndUpdatesBecomeTheirRow() {
        ExtractNewRecordState<SourceRecord> transform = unwrap(Map.of());
        SourceRecord out = transform.apply(event(Operation.UPDATE, row(1, "old@x"), row(1, "new@x")));
        assertThat(out.valueSchema().name()).isEqualTo("shop.public.customers.Value");
        assertThat(out.valueSchema().fields()).extracting(Field::name).containsExactly("id", "email");
        assertThat(((Struct) out.value()).getString("email")).isEqualTo("new@x");
        assertThat(((Struct) out.key()).getInt32("id")).isEqualTo(1);
        assertThat(transform.apply(event(Operation.READ, null, row(2, null))).value()).isEqualTo(
                new Struct(out.valueSchema()).put("id", 2));
    }

    @Test
    void defaultDropsDeletesAndTombstones() {
        ExtractNewRecordState<SourceRecord> transform = unwrap(Map.of());
        assertThat(transform.apply(event(Operation.DELETE, row(1, "a@x"), null))).isNull();
        assertThat(transform.apply(tombstone())).isNull();
    }

    @Test
    void tombstoneModeTurnsDeletesIntoTombstones() {
        ExtractNewRecordState<SourceRecord> transform = unwrap(Map.of("delete.tombstone.handling.mode", "tombstone"));
        SourceRecord out = transform.apply(event(Operation.DELETE, row(1, "a@x"), null));
        assertThat(out.value()).isNull();
        assertThat(out.valueSchema()).isNull();
        assertThat(((Struct) out.key()).getInt32("id")).isEqualTo(1);
        assertThat(transform.apply(tombstone())).isNotNull();

        ExtractNewRecordState<SourceRecord> single = unwrap(Map.of("delete.tombstone.handling.mode", "delete-to-tombstone"));
        assertThat(single.apply(event(Operation.DELETE, row(1, "a@x"), null)).value()).isNull();
        assertThat(single.apply(tombstone())).isNull();
    }

    @Test
    void rewriteModeMarksDeletedRows() {
        ExtractNewRecordState<SourceRecord> transform = unwrap(Map.of("delete.tombstone.handling.mode", "rewrite"));
        SourceRecord deleted = transform.apply(event(Operation.DELETE, row(1, "a@x"), null));
        Struct value = (Struct) deleted.value();
        assertThat(value.getInt32("id")).isEqualTo(1);
        assertThat(value.getString("email")).isEqualTo("a@x");
        assertThat(value.getString("__deleted")).isEqualTo("true");
        Struct created = (Struct) transform.apply(event(Operation.CREATE, null, row(2, "b@x"))).value();
        assertThat(created.getString("__deleted")).isEqualTo("false");
        assertThat(transform.apply(tombstone())).isNull();
        assertThat(unwrap(Map.of("delete.tombstone.handling.mode", "rewrite-with-tombstone")).apply(tombstone())).isNotNull();
    }

    @Test
    void rewriteKeepsAKeyOnlyBeforeImage() {
        ChangeEventSchema required = ChangeEventSchema.of("shop", "public", "items",
                SchemaBuilder.struct().field("id", Schema.INT32_SCHEMA).build(),
                SchemaBuilder.struct().field("id", Schema.INT32_SCHEMA).field("name", Schema.OPTIONAL_STRING_SCHEMA)
                        .field("qty", SchemaBuilder.int32().defaultValue(0).build()).build(),
                SourceSchemas.postgres());
        // REPLICA IDENTITY DEFAULT: the delete carries only the key columns.
        Struct keyOnly = new Struct(required.valueSchema()).put("id", 4);
        SourceRecord delete = new SourceRecord(Map.of(), Map.of(), "shop.public.items", null, null, null,
                required.envelopeSchema(), required.envelope(Operation.DELETE, keyOnly, null, source(), 0L, null));
        Struct out = (Struct) unwrap(Map.of("delete.tombstone.handling.mode", "rewrite")).apply(delete).value();
        assertThat(out.getInt32("id")).isEqualTo(4);
        assertThat(out.getString("name")).isNull();
        assertThat(out.getInt32("qty")).isEqualTo(0);
        assertThat(out.getString("__deleted")).isEqualTo("true");
    }

    @Test
    void legacyOptionsStillWork() {
        assertThat(unwrap(Map.of("delete.handling.mode", "rewrite")).apply(event(Operation.DELETE, row(1, "a"), null))
                .value()).isNotNull();
        ExtractNewRecordState<SourceRecord> keepTombstones = unwrap(Map.of("drop.tombstones", "false"));
        assertThat(keepTombstones.apply(tombstone())).isNotNull();
        assertThat(keepTombstones.apply(event(Operation.DELETE, row(1, "a"), null))).isNull();
    }

    @Test
    void addsFieldsAndHeaders() {
        Map<String, String> config = new HashMap<>();
        config.put("add.fields", "op,table,lsn,source.ts_ms,ts_ms:processed_at");
        config.put("add.headers", "db,op");
        ExtractNewRecordState<SourceRecord> transform = unwrap(config);
        SourceRecord out = transform.apply(event(Operation.CREATE, null, row(3, "c@x")));
        Struct value = (Struct) out.value();
        assertThat(out.valueSchema().fields()).extracting(Field::name)
                .containsExactly("id", "email", "__op", "__table", "__lsn", "__source_ts_ms", "__processed_at");
        assertThat(value.getString("__op")).isEqualTo("c");
        assertThat(value.getString("__table")).isEqualTo("customers");
        assertThat(value.getInt64("__lsn")).isEqualTo(4242L);
        assertThat(value.getInt64("__source_ts_ms")).isEqualTo(1_700_000_000_000L);
        assertThat(value.getInt64("__processed_at")).isEqualTo(5_000L);
        Header db = out.headers().lastWithName("__db");
        assertThat(db.value()).isEqualTo("sluice");
        assertThat(out.headers().lastWithName("__op").value()).isEqualTo("c");
    }

    @Test
    void unknownAddedFieldIsAConfigError() {
        ExtractNewRecordState<SourceRecord> transform = unwrap(Map.of("add.fields", "nope"));
        assertThatThrownBy(() -> transform.apply(event(Operation.CREATE, null, row(3, "c@x"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("nope");
        assertThatThrownBy(() -> unwrap(Map.of("delete.tombstone.handling.mode", "keep")))
                .isInstanceOf(ConfigException.class);
    }

    @Test
    void otherRecordsPassAndTruncatesAreDropped() {
        ExtractNewRecordState<SourceRecord> transform = unwrap(Map.of());
        SourceRecord heartbeat = new SourceRecord(Map.of(), Map.of(), "__debezium-heartbeat.shop", null,
                HeartbeatSchemas.keySchema(), HeartbeatSchemas.key("shop"), HeartbeatSchemas.valueSchema(),
                HeartbeatSchemas.value(1L));
        assertThat(transform.apply(heartbeat)).isSameAs(heartbeat);
        SourceRecord truncate = new SourceRecord(Map.of(), Map.of(), "shop.public.customers", null, null, null,
                EVENTS.envelopeSchema(), EVENTS.envelope(Operation.TRUNCATE, null, null, source(), 0L, null));
        assertThat(transform.apply(truncate)).isNull();
    }
}
