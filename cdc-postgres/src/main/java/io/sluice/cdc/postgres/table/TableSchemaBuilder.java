package io.sluice.cdc.postgres.table;

import io.sluice.schema.types.ColumnConverter;
import io.sluice.cdc.postgres.config.CaptureConfig;
import io.sluice.schema.event.ChangeEventSchema;
import io.sluice.schema.event.SourceSchemas;
import io.sluice.schema.event.TopicNames;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.errors.ConnectException;

/** Builds a {@link CapturedTable} (topic, key and value schemas, converters) from a table's definition. */
public final class TableSchemaBuilder {

    private final CaptureConfig capture;
    private final ColumnConverters converters;

    public TableSchemaBuilder(CaptureConfig capture, ColumnConverters converters) {
        this.capture = capture;
        this.converters = converters;
    }

    /**
     * {@code <topic.prefix>.<schema>.<table>}, with characters Kafka does not allow in topic names (spaces, quotes,
     * non-ASCII letters...) replaced by '_' as Debezium does; the events' source block keeps the real names.
     */
    public String topic(TableId id) {
        return capture.topicPrefix() + "." + TopicNames.sanitise(id.schema()) + "." + TopicNames.sanitise(id.table());
    }

    /**
     * @param definition  the catalog's definition of the table
     * @param columnOrder the columns of the rows that will be converted, in their order (the catalog's for the
     *                    snapshot, the Relation message's for the stream)
     */
    public CapturedTable build(TableDefinition definition, List<String> columnOrder) {
        TableId id = definition.id();
        List<String> keyNames = capture.messageKeyColumns().columnsFor(id.schema(), id.table())
                .orElse(definition.primaryKey());
        ColumnConverter[] columnConverters = new ColumnConverter[columnOrder.size()];
        ColumnConverter[] keyConverters = new ColumnConverter[columnOrder.size()];
        SchemaBuilder value = SchemaBuilder.struct()
                .name(ChangeEventSchema.valueSchemaName(capture.topicPrefix(), id.schema(), id.table())).optional();
        int[] keyColumns = new int[keyNames.size()];
        for (int k = 0; k < keyNames.size(); k++) {
            int index = columnOrder.indexOf(keyNames.get(k));
            if (index < 0) {
                throw new ConnectException("Key column " + keyNames.get(k) + " of " + id + " is not among its columns "
                        + columnOrder + "; check " + CaptureConfig.MESSAGE_KEY_COLUMNS);
            }
            keyColumns[k] = index;
        }
        for (int i = 0; i < columnOrder.size(); i++) {
            String name = columnOrder.get(i);
            boolean isKey = keyNames.contains(name);
            if (!isKey && !capture.tableFilter().includesColumn(id.schema(), id.table(), name)) {
                continue;
            }
            ColumnDefinition column = definition.column(name);
            if (column == null) {
                throw new ConnectException("Column " + name + " of " + id + " is not in the catalog any more; "
                        + "the table changed again since this change was written. Restart the task.");
            }
            // Every value field is optional: a key-only 'before' (REPLICA IDENTITY DEFAULT) leaves the other
            // columns null, and a column's nullability may change without the stream telling.
            ColumnConverter converter = converters.forColumn(id, column, true);
            if (converter == null) {
                if (isKey) {
                    throw new ConnectException("Key column " + name + " of " + id + " has type " + column.sqlType()
                            + ", which cannot be mapped, so it cannot be left out; use message.key.columns");
                }
                continue; // unsupported type, skipped as configured (the type mapping logged it)
            }
            columnConverters[i] = converter;
            if (isKey) {
                keyConverters[i] = converters.forColumn(id, column, false);
            }
            value.field(name, converter.schema());
        }
        Schema keySchema = null;
        if (keyColumns.length > 0) {
            SchemaBuilder key = SchemaBuilder.struct()
                    .name(ChangeEventSchema.keySchemaName(capture.topicPrefix(), id.schema(), id.table()));
            for (int index : keyColumns) {
                key.field(columnOrder.get(index), keyConverters[index].schema());
            }
            keySchema = key.build();
        }
        ChangeEventSchema schemas = ChangeEventSchema.of(capture.topicPrefix(), id.schema(), id.table(), keySchema,
                value.build(), SourceSchemas.postgres());
        return new CapturedTable(id, topic(id), schemas, List.copyOf(new ArrayList<>(columnOrder)), columnConverters,
                keyConverters, keyColumns, capture.unavailableValuePlaceholder(), definition.replicaIdentity());
    }
}
