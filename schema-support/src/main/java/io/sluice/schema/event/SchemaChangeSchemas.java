package io.sluice.schema.event;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;

/**
 * Schema-change events as Debezium writes them to the {@code <prefix>} topic: key {databaseName}, value
 * {source, ts_ms, databaseName, schemaName, ddl, tableChanges}. Each table change describes the table after the
 * change (its columns with JDBC and native types), so consumers can follow the structure without parsing DDL.
 *
 * <p>One instance per connector type; build it once with {@link #forConnector}.
 */
public final class SchemaChangeSchemas {

    public static final String DATABASE_NAME = "databaseName";
    public static final String SCHEMA_NAME = "schemaName";
    public static final String SOURCE = "source";
    public static final String TS_MS = "ts_ms";
    public static final String DDL = "ddl";
    public static final String TABLE_CHANGES = "tableChanges";

    /** The kinds of table change. */
    public enum ChangeType { CREATE, ALTER, DROP }

    /** One column of a changed table. Nullable components are written as null. */
    public record Column(String name, int jdbcType, Integer nativeType, String typeName, String typeExpression,
            String charsetName, Integer length, Integer scale, int position, Boolean optional,
            Boolean autoIncremented, Boolean generated, String comment, String defaultValueExpression,
            List<String> enumValues) {

        public Column {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(typeName, "typeName");
        }

        /** A column with only the common facts; the rest null. */
        public static Column of(String name, int jdbcType, String typeName, Integer length, Integer scale,
                int position, boolean optional) {
            return new Column(name, jdbcType, null, typeName, typeName, null, length, scale, position, optional,
                    false, false, null, null, null);
        }
    }

    /**
     * One changed table.
     *
     * @param id the table id as Debezium writes it: {@code "db"."table"} for MySQL, {@code "schema"."table"} for
     *           PostgreSQL
     */
    public record TableChange(ChangeType type, String id, String defaultCharsetName,
            List<String> primaryKeyColumnNames, List<Column> columns, String comment) {

        public TableChange {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(id, "id");
            columns = columns == null ? List.of() : columns;
        }
    }

    private final Schema columnSchema;
    private final Schema tableSchema;
    private final Schema changeSchema;
    private final Schema keySchema;
    private final Schema valueSchema;

    private SchemaChangeSchemas(String connector, Schema sourceSchema) {
        columnSchema = SchemaBuilder.struct()
                .name("io.debezium.connector.schema.Column")
                .version(1)
                .field("name", Schema.STRING_SCHEMA)
                .field("jdbcType", Schema.INT32_SCHEMA)
                .field("nativeType", Schema.OPTIONAL_INT32_SCHEMA)
                .field("typeName", Schema.STRING_SCHEMA)
                .field("typeExpression", Schema.OPTIONAL_STRING_SCHEMA)
                .field("charsetName", Schema.OPTIONAL_STRING_SCHEMA)
                .field("length", Schema.OPTIONAL_INT32_SCHEMA)
                .field("scale", Schema.OPTIONAL_INT32_SCHEMA)
                .field("position", Schema.INT32_SCHEMA)
                .field("optional", Schema.OPTIONAL_BOOLEAN_SCHEMA)
                .field("autoIncremented", Schema.OPTIONAL_BOOLEAN_SCHEMA)
                .field("generated", Schema.OPTIONAL_BOOLEAN_SCHEMA)
                .field("comment", Schema.OPTIONAL_STRING_SCHEMA)
                .field("defaultValueExpression", Schema.OPTIONAL_STRING_SCHEMA)
                .field("enumValues", SchemaBuilder.array(Schema.STRING_SCHEMA).optional().build())
                .build();
        tableSchema = SchemaBuilder.struct()
                .name("io.debezium.connector.schema.Table")
                .version(1)
                .optional()
                .field("defaultCharsetName", Schema.OPTIONAL_STRING_SCHEMA)
                .field("primaryKeyColumnNames", SchemaBuilder.array(Schema.STRING_SCHEMA).optional().build())
                .field("columns", SchemaBuilder.array(columnSchema).build())
                .field("comment", Schema.OPTIONAL_STRING_SCHEMA)
                .build();
        changeSchema = SchemaBuilder.struct()
                .name("io.debezium.connector.schema.Change")
                .version(1)
                .field("type", Schema.STRING_SCHEMA)
                .field("id", Schema.STRING_SCHEMA)
                .field("table", tableSchema)
                .build();
        keySchema = SchemaBuilder.struct()
                .name("io.debezium.connector." + connector + ".SchemaChangeKey")
                .version(1)
                .field(DATABASE_NAME, Schema.STRING_SCHEMA)
                .build();
        valueSchema = SchemaBuilder.struct()
                .name("io.debezium.connector." + connector + ".SchemaChangeValue")
                .version(1)
                .field(SOURCE, sourceSchema)
                .field(TS_MS, Schema.INT64_SCHEMA)
                .field(DATABASE_NAME, Schema.OPTIONAL_STRING_SCHEMA)
                .field(SCHEMA_NAME, Schema.OPTIONAL_STRING_SCHEMA)
                .field(DDL, Schema.OPTIONAL_STRING_SCHEMA)
                .field(TABLE_CHANGES, SchemaBuilder.array(changeSchema).build())
                .build();
    }

    /**
     * The schemas for one connector type.
     *
     * @param connector    Debezium's connector name used in schema names: {@code "mysql"} or {@code "postgresql"}
     * @param sourceSchema that connector's source block schema
     */
    public static SchemaChangeSchemas forConnector(String connector, Schema sourceSchema) {
        return new SchemaChangeSchemas(Objects.requireNonNull(connector, "connector"),
                Objects.requireNonNull(sourceSchema, "sourceSchema"));
    }

    public Schema keySchema() {
        return keySchema;
    }

    public Schema valueSchema() {
        return valueSchema;
    }

    /** The key of a schema-change event: the database the DDL ran in. */
    public Struct key(String databaseName) {
        return new Struct(keySchema).put(DATABASE_NAME, databaseName);
    }

    /**
     * The value of a schema-change event.
     *
     * @param ddl the statement as the database logged it, or null when the change was derived without DDL
     */
    public Struct value(Struct source, long tsMs, String databaseName, String schemaName, String ddl,
            List<TableChange> changes) {
        List<Struct> changeStructs = new ArrayList<>(changes.size());
        for (TableChange change : changes) {
            changeStructs.add(change(change));
        }
        return new Struct(valueSchema)
                .put(SOURCE, source)
                .put(TS_MS, tsMs)
                .put(DATABASE_NAME, databaseName)
                .put(SCHEMA_NAME, schemaName)
                .put(DDL, ddl)
                .put(TABLE_CHANGES, changeStructs);
    }

    private Struct change(TableChange change) {
        Struct table = null;
        if (change.type() != ChangeType.DROP || !change.columns().isEmpty()) {
            List<Struct> columns = new ArrayList<>(change.columns().size());
            for (Column column : change.columns()) {
                columns.add(column(column));
            }
            table = new Struct(tableSchema)
                    .put("defaultCharsetName", change.defaultCharsetName())
                    .put("primaryKeyColumnNames", change.primaryKeyColumnNames())
                    .put("columns", columns)
                    .put("comment", change.comment());
        }
        return new Struct(changeSchema)
                .put("type", change.type().name())
                .put("id", change.id())
                .put("table", table);
    }

    private Struct column(Column column) {
        return new Struct(columnSchema)
                .put("name", column.name())
                .put("jdbcType", column.jdbcType())
                .put("nativeType", column.nativeType())
                .put("typeName", column.typeName())
                .put("typeExpression", column.typeExpression())
                .put("charsetName", column.charsetName())
                .put("length", column.length())
                .put("scale", column.scale())
                .put("position", column.position())
                .put("optional", column.optional())
                .put("autoIncremented", column.autoIncremented())
                .put("generated", column.generated())
                .put("comment", column.comment())
                .put("defaultValueExpression", column.defaultValueExpression())
                .put("enumValues", column.enumValues());
    }
}
