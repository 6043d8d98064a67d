package io.sluice.schema.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

class SourceSchemasTest {

    @Test
    void postgresSourceHasDebeziumFieldsAndTypes() {
        Schema schema = SourceSchemas.postgres();
        assertThat(schema.name()).isEqualTo("io.debezium.connector.postgresql.Source");
        assertThat(schema.fields()).extracting(Field::name).containsExactly("version", "connector", "name", "ts_ms",
                "snapshot", "db", "sequence", "ts_us", "ts_ns", "schema", "table", "txId", "lsn", "xmin");
        assertThat(schema.field("ts_ms").schema()).isEqualTo(Schema.INT64_SCHEMA);
        assertThat(schema.field("table").schema()).isEqualTo(Schema.STRING_SCHEMA);
        assertThat(schema.field("lsn").schema()).isEqualTo(Schema.OPTIONAL_INT64_SCHEMA);
        assertThat(schema.field("txId").schema()).isEqualTo(Schema.OPTIONAL_INT64_SCHEMA);
    }

    @Test
    void mysqlSourceHasDebeziumFieldsAndTypes() {
        Schema schema = SourceSchemas.mysql();
        assertThat(schema.name()).isEqualTo("io.debezium.connector.mysql.Source");
        assertThat(schema.fields()).extracting(Field::name).containsExactly("version", "connector", "name", "ts_ms",
                "snapshot", "db", "sequence", "ts_us", "ts_ns", "table", "server_id", "gtid", "file", "pos", "row",
                "thread", "query");
        assertThat(schema.field("table").schema()).isEqualTo(Schema.OPTIONAL_STRING_SCHEMA);
        assertThat(schema.field("server_id").schema()).isEqualTo(Schema.INT64_SCHEMA);
        assertThat(schema.field("row").schema()).isEqualTo(Schema.INT32_SCHEMA);
        assertThat(schema.field("pos").schema()).isEqualTo(Schema.INT64_SCHEMA);
    }

    @Test
    void snapshotIsAnOptionalEnumDefaultingToFalse() {
        Schema snapshot = SourceSchemas.postgres().field("snapshot").schema();
        assertThat(snapshot.name()).isEqualTo("io.debezium.data.Enum");
        assertThat(snapshot.isOptional()).isTrue();
        assertThat(snapshot.defaultValue()).isEqualTo("false");
        assertThat(snapshot.parameters()).containsEntry("allowed",
                "true,first,first_in_data_collection,last_in_data_collection,last,false,incremental");
        for (SnapshotMarker marker : SnapshotMarker.values()) {
            assertThat(snapshot.parameters().get("allowed").split(",")).contains(marker.value());
        }
        Struct unset = new Struct(SourceSchemas.mysql());
        assertThat(unset.get("snapshot")).isEqualTo("false");
    }

    @Test
    void transactionTopicEventsCountEventsPerTable() {
        Struct end = TransactionSchemas.end("tx-9", 1234L, new java.util.LinkedHashMap<>(Map.of("public.a", 3L)));
        end.validate();
        assertThat(end.getString("status")).isEqualTo("END");
        assertThat(end.getInt64("event_count")).isEqualTo(3L);
        List<Struct> collections = end.getArray("data_collections");
        assertThat(collections).hasSize(1);
        assertThat(collections.get(0).getString("data_collection")).isEqualTo("public.a");
        assertThat(collections.get(0).getInt64("event_count")).isEqualTo(3L);
        Struct begin = TransactionSchemas.begin("tx-9", 1000L);
        begin.validate();
        assertThat(begin.getString("status")).isEqualTo("BEGIN");
        assertThat(begin.get("event_count")).isNull();
        assertThat(TransactionSchemas.valueSchema().name())
                .isEqualTo("io.debezium.connector.common.TransactionMetadataValue");
        assertThat(TransactionSchemas.key("tx-9").getString("id")).isEqualTo("tx-9");
    }

    @Test
    void heartbeatsCarryServerNameAndTime() {
        assertThat(HeartbeatSchemas.key("shop").getString("serverName")).isEqualTo("shop");
        assertThat(HeartbeatSchemas.value(42L).getInt64("ts_ms")).isEqualTo(42L);
        assertThat(HeartbeatSchemas.valueSchema().name()).isEqualTo("io.debezium.connector.common.Heartbeat");
        assertThat(HeartbeatSchemas.keySchema().name()).isEqualTo("io.debezium.connector.common.ServerNameKey");
    }

    @Test
    void schemaChangeEventDescribesTheTable() {
        SchemaChangeSchemas schemas = SchemaChangeSchemas.forConnector("mysql", SourceSchemas.mysql());
        Struct source = new Struct(SourceSchemas.mysql()).put("version", "0.1.0").put("connector", "mysql")
                .put("name", "shop").put("ts_ms", 1L).put("db", "inventory").put("server_id", 1L)
                .put("file", "binlog.000001").put("pos", 4L).put("row", 0);
        SchemaChangeSchemas.TableChange change = new SchemaChangeSchemas.TableChange(
                SchemaChangeSchemas.ChangeType.CREATE, "\"inventory\".\"items\"", "utf8mb4", List.of("id"),
                List.of(SchemaChangeSchemas.Column.of("id", java.sql.Types.INTEGER, "INT", 11, null, 1, false)), null);
        Struct value = schemas.value(source, 2L, "inventory", null, "CREATE TABLE items (id INT PRIMARY KEY)",
                List.of(change));
        value.validate();
        assertThat(schemas.valueSchema().name()).isEqualTo("io.debezium.connector.mysql.SchemaChangeValue");
        assertThat(schemas.key("inventory").getString("databaseName")).isEqualTo("inventory");
        Struct first = (Struct) value.getArray("tableChanges").get(0);
        assertThat(first.getString("type")).isEqualTo("CREATE");
        assertThat(first.getStruct("table").getArray("primaryKeyColumnNames")).containsExactly("id");
        Struct column = (Struct) first.getStruct("table").getArray("columns").get(0);
        assertThat(column.getString("typeName")).isEqualTo("INT");
        assertThat(column.getInt32("jdbcType")).isEqualTo(java.sql.Types.INTEGER);
    }
}
