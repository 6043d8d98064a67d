package io.sluice.cdc.postgres.table;

import java.util.function.Function;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;

/**
 * Chooses the converter of a column from its type.
 *
 * <p>Interim: schema-support's PostgresTypes (shared type mapping) had not landed when this was written, so this
 * class maps the common scalar types itself and passes every other type through as its text form. It is the one
 * place to switch to the shared mapping.
 */
public final class ColumnConverters {

    public TextConverter forColumn(TableId table, ColumnDefinition column, boolean optional) {
        switch (column.baseTypeName()) {
            case "int2":
                return simple(optional ? Schema.OPTIONAL_INT16_SCHEMA : Schema.INT16_SCHEMA, Short::valueOf);
            case "int4":
                return simple(optional ? Schema.OPTIONAL_INT32_SCHEMA : Schema.INT32_SCHEMA, Integer::valueOf);
            case "int8":
            case "oid":
                return simple(optional ? Schema.OPTIONAL_INT64_SCHEMA : Schema.INT64_SCHEMA, Long::valueOf);
            case "bool":
                return simple(optional ? Schema.OPTIONAL_BOOLEAN_SCHEMA : Schema.BOOLEAN_SCHEMA, t -> t.equals("t"));
            case "float4":
                return simple(optional ? Schema.OPTIONAL_FLOAT32_SCHEMA : Schema.FLOAT32_SCHEMA, Float::valueOf);
            case "float8":
                return simple(optional ? Schema.OPTIONAL_FLOAT64_SCHEMA : Schema.FLOAT64_SCHEMA, Double::valueOf);
            default:
                SchemaBuilder builder = SchemaBuilder.string();
                if (optional) {
                    builder.optional();
                }
                return simple(builder.build(), text -> text);
        }
    }

    private static TextConverter simple(Schema schema, Function<String, Object> parse) {
        return new TextConverter() {
            @Override
            public Schema schema() {
                return schema;
            }

            @Override
            public Object toConnect(String text) {
                return parse.apply(text);
            }
        };
    }
}
