package io.sluice.cdc.mysql.stream;

import io.sluice.cdc.mysql.schema.ColumnDefinition;
import io.sluice.cdc.mysql.schema.TableDefinition;
import io.sluice.cdc.mysql.schema.TableId;
import io.sluice.schema.event.SchemaChangeSchemas;
import io.sluice.schema.event.SchemaChangeSchemas.ChangeType;
import io.sluice.schema.event.SchemaChangeSchemas.Column;
import io.sluice.schema.event.SchemaChangeSchemas.TableChange;
import io.sluice.schema.event.SourceSchemas;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

/** Schema-change events on the {@code <topic.prefix>} topic, keyed by database, as Debezium writes them. */
final class SchemaChangeRecords {

    private static final SchemaChangeSchemas SCHEMAS = SchemaChangeSchemas.forConnector("mysql",
            SourceSchemas.mysql());

    private final String topic;
    private final Map<String, String> partition;

    SchemaChangeRecords(String topicPrefix) {
        this.topic = topicPrefix;
        this.partition = BinlogOffset.partition(topicPrefix);
    }

    SourceRecord record(String database, String ddl, List<TableChange> changes, Struct source, long tsMs,
            Map<String, ?> offset) {
        return new SourceRecord(partition, offset, topic, null, SCHEMAS.keySchema(), SCHEMAS.key(database),
                SCHEMAS.valueSchema(), SCHEMAS.value(source, tsMs, database, null, ddl, changes));
    }

    static TableChange change(ChangeType type, TableId id, TableDefinition definition) {
        String name = "\"" + id.database() + "\".\"" + id.table() + "\"";
        if (definition == null) {
            return new TableChange(type, name, null, List.of(), List.of(), null);
        }
        List<Column> columns = new ArrayList<>(definition.columns().size());
        for (ColumnDefinition column : definition.columns()) {
            columns.add(new Column(column.name(), jdbcType(column.dataType()), null,
                    column.dataType().toUpperCase(Locale.ROOT), column.columnType(), column.charset(),
                    column.length() >= 0 ? column.length() : null, column.scale() >= 0 ? column.scale() : null,
                    column.position(), column.optional(), column.autoIncrement(), column.generated(),
                    column.comment(), column.defaultValue(),
                    column.enumValues().isEmpty() ? null : column.enumValues()));
        }
        return new TableChange(type, name, definition.defaultCharset(), definition.primaryKey(), columns, null);
    }

    static int jdbcType(String dataType) {
        return switch (dataType) {
            case "tinyint" -> Types.TINYINT;
            case "smallint" -> Types.SMALLINT;
            case "mediumint", "int", "integer" -> Types.INTEGER;
            case "bigint" -> Types.BIGINT;
            case "float" -> Types.REAL;
            case "double", "real" -> Types.DOUBLE;
            case "decimal", "numeric" -> Types.DECIMAL;
            case "bit" -> Types.BIT;
            case "char", "enum", "set" -> Types.CHAR;
            case "varchar", "tinytext", "text", "mediumtext", "longtext", "json" -> Types.VARCHAR;
            case "binary" -> Types.BINARY;
            case "varbinary", "tinyblob", "blob", "mediumblob", "longblob" -> Types.VARBINARY;
            case "date" -> Types.DATE;
            case "time" -> Types.TIME;
            case "datetime" -> Types.TIMESTAMP;
            case "timestamp" -> Types.TIMESTAMP_WITH_TIMEZONE;
            case "year" -> Types.INTEGER;
            default -> Types.OTHER;
        };
    }
}
