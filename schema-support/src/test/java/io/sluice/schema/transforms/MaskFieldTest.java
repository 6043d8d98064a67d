package io.sluice.schema.transforms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.schema.event.Operation;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

class MaskFieldTest {

    private static MaskField<SourceRecord> mask(Map<String, String> config) {
        MaskField<SourceRecord> transform = new MaskField.Value<>();
        transform.configure(config);
        return transform;
    }

    static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void hashesWithSaltInsideChangeEvents() throws Exception {
        MaskField<SourceRecord> transform = mask(Map.of("fields", "email", "hash.salt", "pepper"));
        SourceRecord event = ExtractNewRecordStateTest.event(Operation.UPDATE,
                ExtractNewRecordStateTest.row(1, "old@x"), ExtractNewRecordStateTest.row(1, "new@x"));
        Struct out = (Struct) transform.apply(event).value();
        assertThat(out.getStruct("before").getString("email")).isEqualTo(sha256("pepperold@x"));
        assertThat(out.getStruct("after").getString("email")).isEqualTo(sha256("peppernew@x"));
        assertThat(out.getStruct("after").getInt32("id")).isEqualTo(1);
        assertThat(out.getString("op")).isEqualTo("u");
        // the original record is untouched
        assertThat(((Struct) event.value()).getStruct("after").getString("email")).isEqualTo("new@x");
    }

    @Test
    void replacesByTypeInPlainRows() {
        Schema schema = SchemaBuilder.struct()
                .field("name", Schema.STRING_SCHEMA)
                .field("age", Schema.OPTIONAL_INT32_SCHEMA)
                .field("vip", Schema.BOOLEAN_SCHEMA)
                .field("photo", Schema.OPTIONAL_BYTES_SCHEMA)
                .field("city", Schema.STRING_SCHEMA)
                .build();
        Struct row = new Struct(schema).put("name", "Zoë").put("age", 41).put("vip", true)
                .put("photo", new byte[] {1, 2}).put("city", "Bern");
        MaskField<SourceRecord> transform = mask(Map.of("fields", "name,age,vip,photo", "mode", "replace"));
        Struct out = (Struct) transform.apply(new SourceRecord(Map.of(), Map.of(), "t", schema, row)).value();
        assertThat(out.getString("name")).isEqualTo("****");
        assertThat(out.getInt32("age")).isEqualTo(0);
        assertThat(out.getBoolean("vip")).isFalse();
        assertThat(out.getBytes("photo")).isEmpty();
        assertThat(out.getString("city")).isEqualTo("Bern");
    }

    @Test
    void schemalessMapsAndNullsAndKeys() throws Exception {
        MaskField<SourceRecord> transform = mask(Map.of("fields", "ssn", "hash.salt", "s"));
        Map<String, Object> value = new HashMap<>();
        value.put("ssn", "123-45-6789");
        value.put("other", null);
        Map<?, ?> out = (Map<?, ?>) transform.apply(new SourceRecord(Map.of(), Map.of(), "t", null, value)).value();
        assertThat(out.get("ssn")).isEqualTo(sha256("s123-45-6789"));

        Schema schema = SchemaBuilder.struct().field("ssn", Schema.OPTIONAL_STRING_SCHEMA).build();
        Struct nullSsn = new Struct(schema);
        assertThat(((Struct) transform.apply(new SourceRecord(Map.of(), Map.of(), "t", schema, nullSsn)).value())
                .getString("ssn")).isNull();

        MaskField<SourceRecord> keys = new MaskField.Key<>();
        keys.configure(Map.of("fields", "ssn", "mode", "replace"));
        Struct key = new Struct(schema).put("ssn", "x");
        SourceRecord masked = keys.apply(new SourceRecord(Map.of(), Map.of(), "t", null, schema, key, null, null));
        assertThat(((Struct) masked.key()).getString("ssn")).isEqualTo("****");
    }

    @Test
    void refusesUnsaltedHashesAndHashingNumbers() {
        assertThatThrownBy(() -> mask(Map.of("fields", "email"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("hash.salt");
        Schema schema = SchemaBuilder.struct().field("age", Schema.INT32_SCHEMA).build();
        MaskField<SourceRecord> transform = mask(Map.of("fields", "age", "hash.salt", "x"));
        assertThatThrownBy(() -> transform.apply(new SourceRecord(Map.of(), Map.of(), "t", schema,
                new Struct(schema).put("age", 3)))).isInstanceOf(DataException.class).hasMessageContaining("mode=replace");
    }
}
