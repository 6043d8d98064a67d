package io.sluice.schema.types;

import java.util.List;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;

/** Builders of the schemas named in {@link SemanticTypes}, with Debezium's versions and parameters. */
public final class SemanticSchemas {

    private static final Schema VARIABLE_SCALE_DECIMAL = variableScaleDecimal().build();
    private static final Schema OPTIONAL_VARIABLE_SCALE_DECIMAL = variableScaleDecimal().optional().build();
    private static final Schema GEOMETRY = geometry().build();
    private static final Schema OPTIONAL_GEOMETRY = geometry().optional().build();
    private static final Schema POINT = point().build();
    private static final Schema OPTIONAL_POINT = point().optional().build();

    private SemanticSchemas() {
    }

    public static SchemaBuilder date() {
        return SchemaBuilder.int32().name(SemanticTypes.DATE).version(1);
    }

    public static SchemaBuilder time() {
        return SchemaBuilder.int32().name(SemanticTypes.TIME).version(1);
    }

    public static SchemaBuilder microTime() {
        return SchemaBuilder.int64().name(SemanticTypes.MICRO_TIME).version(1);
    }

    public static SchemaBuilder timestamp() {
        return SchemaBuilder.int64().name(SemanticTypes.TIMESTAMP).version(1);
    }

    public static SchemaBuilder microTimestamp() {
        return SchemaBuilder.int64().name(SemanticTypes.MICRO_TIMESTAMP).version(1);
    }

    public static SchemaBuilder zonedTimestamp() {
        return SchemaBuilder.string().name(SemanticTypes.ZONED_TIMESTAMP).version(1);
    }

    public static SchemaBuilder zonedTime() {
        return SchemaBuilder.string().name(SemanticTypes.ZONED_TIME).version(1);
    }

    public static SchemaBuilder year() {
        return SchemaBuilder.int32().name(SemanticTypes.YEAR).version(1);
    }

    public static SchemaBuilder microDuration() {
        return SchemaBuilder.int64().name(SemanticTypes.MICRO_DURATION).version(1);
    }

    public static SchemaBuilder interval() {
        return SchemaBuilder.string().name(SemanticTypes.INTERVAL).version(1);
    }

    public static SchemaBuilder json() {
        return SchemaBuilder.string().name(SemanticTypes.JSON).version(1);
    }

    public static SchemaBuilder xml() {
        return SchemaBuilder.string().name(SemanticTypes.XML).version(1);
    }

    public static SchemaBuilder uuid() {
        return SchemaBuilder.string().name(SemanticTypes.UUID).version(1);
    }

    public static SchemaBuilder bits(int length) {
        return SchemaBuilder.bytes().name(SemanticTypes.BITS).version(1)
                .parameter(SemanticTypes.BITS_LENGTH, Integer.toString(length));
    }

    public static SchemaBuilder enumeration(List<String> allowed) {
        return SchemaBuilder.string().name(SemanticTypes.ENUM).version(1)
                .parameter(SemanticTypes.ENUM_ALLOWED, String.join(",", allowed));
    }

    public static SchemaBuilder enumSet(List<String> allowed) {
        return SchemaBuilder.string().name(SemanticTypes.ENUM_SET).version(1)
                .parameter(SemanticTypes.ENUM_ALLOWED, String.join(",", allowed));
    }

    /** Connect Decimal with Debezium's precision parameter (left out when the precision is unknown). */
    public static SchemaBuilder decimal(int precision, int scale) {
        SchemaBuilder builder = Decimal.builder(scale);
        if (precision > 0) {
            builder.parameter(SemanticTypes.DECIMAL_PRECISION, Integer.toString(precision));
        }
        return builder;
    }

    public static SchemaBuilder variableScaleDecimal() {
        return SchemaBuilder.struct().name(SemanticTypes.VARIABLE_SCALE_DECIMAL).version(1)
                .doc("Variable scaled decimal")
                .field(SemanticTypes.VARIABLE_SCALE_DECIMAL_SCALE, Schema.INT32_SCHEMA)
                .field(SemanticTypes.VARIABLE_SCALE_DECIMAL_VALUE, Schema.BYTES_SCHEMA);
    }

    /** The built VariableScaleDecimal schema, shared so that structs of it compare by identity. */
    public static Schema variableScaleDecimalSchema(boolean optional) {
        return optional ? OPTIONAL_VARIABLE_SCALE_DECIMAL : VARIABLE_SCALE_DECIMAL;
    }

    public static SchemaBuilder geometry() {
        return SchemaBuilder.struct().name(SemanticTypes.GEOMETRY).version(1)
                .doc("Geometry")
                .field(SemanticTypes.GEOMETRY_WKB, Schema.BYTES_SCHEMA)
                .field(SemanticTypes.GEOMETRY_SRID, Schema.OPTIONAL_INT32_SCHEMA);
    }

    public static SchemaBuilder point() {
        return SchemaBuilder.struct().name(SemanticTypes.POINT).version(1)
                .doc("Geometry (POINT)")
                .field(SemanticTypes.POINT_X, Schema.FLOAT64_SCHEMA)
                .field(SemanticTypes.POINT_Y, Schema.FLOAT64_SCHEMA)
                .field(SemanticTypes.GEOMETRY_WKB, Schema.OPTIONAL_BYTES_SCHEMA)
                .field(SemanticTypes.GEOMETRY_SRID, Schema.OPTIONAL_INT32_SCHEMA);
    }

    /** The built Point schema, shared so that structs of it compare by identity. */
    public static Schema pointSchema(boolean optional) {
        return optional ? OPTIONAL_POINT : POINT;
    }

    /** The built Geometry schema, shared so that structs of it compare by identity. */
    public static Schema geometrySchema(boolean optional) {
        return optional ? OPTIONAL_GEOMETRY : GEOMETRY;
    }
}
