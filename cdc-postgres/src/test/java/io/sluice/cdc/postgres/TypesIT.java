package io.sluice.cdc.postgres;

import static io.sluice.cdc.postgres.TaskRunner.after;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every mapped type arrives with the same exact value through the snapshot and through the stream. */
class TypesIT {

    private static final String COLUMNS = "id int PRIMARY KEY, c_int2 smallint, c_int4 integer, c_int8 bigint, "
            + "c_float4 real, c_float8 double precision, c_numeric numeric(10,2), c_numeric_free numeric, "
            + "c_money money, c_bool boolean, c_bit1 bit(1), c_bits bit(4), c_varbit varbit(8), c_char char(3), "
            + "c_varchar varchar(20), c_text text, c_bytea bytea, c_date date, c_time time, c_time3 time(3), "
            + "c_timetz timetz, c_ts timestamp, c_ts3 timestamp(3), c_tstz timestamptz, c_interval interval, "
            + "c_uuid uuid, c_json json, c_jsonb jsonb, c_xml xml, c_inet inet, c_cidr cidr, c_macaddr macaddr, "
            + "c_mood mood, c_int_array int[], c_text_array text[], c_null text, c_domain positive_int";

    private static final String VALUES = "(%d, -12, 123456, 9007199254740993, 1.5, 2.25, 12345678.91, 3.14159, "
            + "12.34, true, B'1', B'1010', B'101', 'ab', 'varchar', 'text ü', '\\x00ff10', '2024-02-29', "
            + "'13:14:15.123456', '13:14:15.123', '13:14:15+02', '2024-02-29 13:14:15.123456', "
            + "'2024-02-29 13:14:15.123', '2024-02-29 13:14:15.123456+02', '1 day 2 hours 3.5 seconds', "
            + "'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11', '{\"a\": 1}', '{\"b\": [1, 2]}', '<x>1</x>', "
            + "'192.168.1.1', '10.0.0.0/8', '08:00:2b:01:02:03', 'happy', '{1,NULL,3}', '{\"a b\",c}', NULL, 7)";

    private TestDatabase db;
    private TaskRunner runner;

    @BeforeEach
    void setUp() throws Exception {
        db = new TestDatabase("types");
        db.execute("CREATE TYPE mood AS ENUM ('sad', 'happy')",
                "CREATE DOMAIN positive_int AS int CHECK (VALUE > 0)",
                "CREATE TABLE all_types (" + COLUMNS + ")",
                "INSERT INTO all_types VALUES " + String.format(VALUES, 1));
    }

    @AfterEach
    void tearDown() throws Exception {
        if (runner != null) {
            runner.close();
        }
        db.close();
    }

    @Test
    void snapshotAndStreamProduceTheSameExactValues() throws Exception {
        runner = new TaskRunner(db.config()).start();
        SourceRecord snapshot = runner.poll(1).get(0);
        runner.commit(List.of(snapshot));
        db.execute("INSERT INTO all_types VALUES " + String.format(VALUES, 2));
        SourceRecord streamed = runner.poll(1).get(0);

        Struct read = after(snapshot);
        Struct changed = after(streamed);
        assertThat(changed.schema()).isEqualTo(read.schema());
        for (org.apache.kafka.connect.data.Field field : read.schema().fields()) {
            if (!field.name().equals("id")) {
                assertThat(normalize(changed.get(field))).as(field.name()).isEqualTo(normalize(read.get(field)));
            }
        }

        assertThat(read.getInt16("c_int2")).isEqualTo((short) -12);
        assertThat(read.getInt32("c_int4")).isEqualTo(123456);
        assertThat(read.getInt64("c_int8")).isEqualTo(9007199254740993L);
        assertThat(read.getFloat32("c_float4")).isEqualTo(1.5f);
        assertThat(read.getFloat64("c_float8")).isEqualTo(2.25);
        assertThat(read.get("c_numeric")).isEqualTo(new BigDecimal("12345678.91"));
        assertThat(read.get("c_money")).isEqualTo(new BigDecimal("12.34"));
        assertThat(read.getBoolean("c_bool")).isTrue();
        assertThat(read.getBoolean("c_bit1")).isTrue();
        assertThat(read.getString("c_char")).isEqualTo("ab ");
        assertThat(read.getString("c_text")).isEqualTo("text ü");
        assertThat(normalize(read.get("c_bytea"))).isEqualTo(ByteBuffer.wrap(new byte[] {0, (byte) 0xff, 0x10}));
        assertThat(read.getInt32("c_date")).isEqualTo(19782); // days since 1970-01-01
        assertThat(read.getInt64("c_time")).isEqualTo((13 * 3600 + 14 * 60 + 15) * 1_000_000L + 123456);
        assertThat(read.getInt32("c_time3")).isEqualTo((13 * 3600 + 14 * 60 + 15) * 1000 + 123);
        assertThat(read.getString("c_timetz")).isEqualTo("11:14:15Z");
        assertThat(read.getInt64("c_ts")).isEqualTo(1709212455123456L);
        assertThat(read.getInt64("c_ts3")).isEqualTo(1709212455123L);
        assertThat(read.getString("c_tstz")).isEqualTo("2024-02-29T11:14:15.123456Z");
        assertThat(read.getInt64("c_interval")).isEqualTo(((24 + 2) * 3600L) * 1_000_000L + 3_500_000L);
        assertThat(read.getString("c_uuid")).isEqualTo("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
        assertThat(read.getString("c_jsonb")).isEqualTo("{\"b\": [1, 2]}");
        assertThat(read.getString("c_mood")).isEqualTo("happy");
        assertThat(read.getArray("c_int_array")).containsExactly(1, null, 3);
        assertThat(read.getArray("c_text_array")).containsExactly("a b", "c");
        assertThat(read.getString("c_null")).isNull();
        assertThat(read.getInt32("c_domain")).isEqualTo(7);
        assertThat(read.schema().field("c_mood").schema().name()).isEqualTo("io.debezium.data.Enum");
        assertThat(read.schema().field("c_tstz").schema().name()).isEqualTo("io.debezium.time.ZonedTimestamp");
    }

    private static Object normalize(Object value) {
        return value instanceof byte[] bytes ? ByteBuffer.wrap(bytes) : value;
    }
}
