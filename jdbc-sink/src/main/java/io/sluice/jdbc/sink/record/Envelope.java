package io.sluice.jdbc.sink.record;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

/**
 * A CDC change event in Debezium's shape: {@code before}, {@code after}, {@code source}, {@code op}.
 * Recognised by its schema, whoever wrote it (our sources or Debezium itself).
 */
public final class Envelope {

    public static final String BEFORE = "before";
    public static final String AFTER = "after";
    public static final String SOURCE = "source";
    public static final String OP = "op";

    private Envelope() {
    }

    /** A struct with before, after and op fields; its name, when it has one, ends with "Envelope". */
    public static boolean isEnvelope(Schema schema) {
        if (schema == null || schema.type() != Schema.Type.STRUCT) {
            return false;
        }
        String name = schema.name();
        if (name != null && !name.endsWith("Envelope")) {
            return false;
        }
        Field op = schema.field(OP);
        return op != null && op.schema().type() == Schema.Type.STRING
                && schema.field(BEFORE) != null && schema.field(AFTER) != null;
    }

    /** The fields of one envelope schema, looked up once per schema rather than per record. */
    record Shape(Field before, Field after, Field op, Field source) {

        static Shape of(Schema envelope) {
            return new Shape(envelope.field(BEFORE), envelope.field(AFTER), envelope.field(OP), envelope.field(SOURCE));
        }

        String op(Struct envelope) {
            return (String) envelope.get(op);
        }

        Struct before(Struct envelope) {
            return (Struct) envelope.get(before);
        }

        Struct after(Struct envelope) {
            return (Struct) envelope.get(after);
        }
    }

    /** The table named in the source block ({@code table}), or null. */
    public static String sourceTable(Struct envelope) {
        return sourceString(envelope, "table");
    }

    /** The schema named in the source block ({@code schema}, else {@code db} as MySQL writes it), or null. */
    public static String sourceSchema(Struct envelope) {
        String schema = sourceString(envelope, "schema");
        return schema != null ? schema : sourceString(envelope, "db");
    }

    private static String sourceString(Struct envelope, String fieldName) {
        Field sourceField = envelope.schema().field(SOURCE);
        if (sourceField == null) {
            return null;
        }
        Object source = envelope.get(sourceField);
        if (!(source instanceof Struct s)) {
            return null;
        }
        Field f = s.schema().field(fieldName);
        Object value = f == null ? null : s.get(f);
        return value instanceof String str ? str : null;
    }
}
