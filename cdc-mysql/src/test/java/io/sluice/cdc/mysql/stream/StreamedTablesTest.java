package io.sluice.cdc.mysql.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.TableMapEventMetadata;
import com.github.shyiko.mysql.binlog.event.deserialization.ColumnType;
import io.sluice.cdc.mysql.schema.ColumnDefinition;
import io.sluice.cdc.mysql.schema.TableDefinition;
import io.sluice.cdc.mysql.schema.TableId;
import java.util.BitSet;
import java.util.List;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.Test;

/** How a table version is assembled from a table map event and information_schema. */
class StreamedTablesTest {

    private static final TableId ID = new TableId("shop", "orders");

    /** id INT UNSIGNED (key), status ENUM('new','paid'), note VARCHAR as the binlog describes them. */
    private static TableMapEventData tableMap(boolean withMetadata) {
        TableMapEventData data = new TableMapEventData();
        data.setTableId(7);
        data.setDatabase("shop");
        data.setTable("orders");
        data.setColumnTypes(new byte[] {(byte) ColumnType.LONG.getCode(), (byte) ColumnType.STRING.getCode(),
                (byte) ColumnType.VARCHAR.getCode()});
        data.setColumnMetadata(new int[] {0, (ColumnType.ENUM.getCode() << 8) | 1, 80});
        BitSet nullable = new BitSet();
        nullable.set(1);
        nullable.set(2);
        data.setColumnNullability(nullable);
        if (withMetadata) {
            TableMapEventMetadata metadata = new TableMapEventMetadata();
            metadata.setColumnNames(List.of("id", "status", "note"));
            BitSet unsigned = new BitSet();
            unsigned.set(0);
            metadata.setSignedness(unsigned);
            metadata.setEnumStrValues(List.<String[]>of(new String[] {"new", "paid"}));
            metadata.setSimplePrimaryKeys(List.of(0));
            metadata.setColumnCharsets(List.of(45, 45));
            data.setEventMetadata(metadata);
        }
        return data;
    }

    @Test
    void theEventNamesColumnsKeySignednessAndEnumValues() {
        TableDefinition definition = StreamedTables.merge(ID, tableMap(true), null);
        assertThat(definition.columns()).extracting(ColumnDefinition::name).containsExactly("id", "status", "note");
        assertThat(definition.primaryKey()).containsExactly("id");
        assertThat(definition.columns().get(0).unsigned()).isTrue();
        assertThat(definition.columns().get(0).dataType()).isEqualTo("int");
        assertThat(definition.columns().get(1).dataType()).isEqualTo("enum");
        assertThat(definition.columns().get(1).enumValues()).containsExactly("new", "paid");
        assertThat(definition.columns().get(2).dataType()).isEqualTo("varchar");
        assertThat(definition.columns().get(2).optional()).isTrue();
    }

    @Test
    void informationSchemaAddsExactTypesWhereTheColumnStillMatches() {
        TableDefinition current = new TableDefinition(ID, List.of(
                new ColumnDefinition("id", 1, "int", "int(10) unsigned", true, -1, -1, false, null, List.of(), false,
                        null, true, false, "order number"),
                // note was retyped after the event was written: the event's own type wins.
                ColumnDefinition.of("note", 3, "int", false, -1, -1, true, null, List.of())),
                List.of("id"), "utf8mb4");
        TableDefinition definition = StreamedTables.merge(ID, tableMap(true), current);
        assertThat(definition.columns().get(0).comment()).isEqualTo("order number");
        assertThat(definition.columns().get(0).autoIncrement()).isTrue();
        assertThat(definition.columns().get(2).dataType()).isEqualTo("varchar");
        assertThat(definition.defaultCharset()).isEqualTo("utf8mb4");
    }

    @Test
    void withoutColumnNamesTheSettingToChangeIsNamed() {
        assertThatThrownBy(() -> StreamedTables.merge(ID, tableMap(false), null))
                .isInstanceOf(ConnectException.class).hasMessageContaining("binlog_row_metadata=FULL");
    }
}
