package io.sluice.schema.transforms;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.Headers;
import org.apache.kafka.connect.transforms.Transformation;

/**
 * Replaces a change event by the row state it carries ({@code after}), as Debezium's transform of the same name
 * does, for sinks and consumers that want plain rows. Deletes and tombstones are dropped, kept or rewritten per
 * {@code delete.tombstone.handling.mode}; chosen envelope or source fields can be added to the row as
 * {@code __}-prefixed fields or headers. Records that are not change events (heartbeats, schema changes,
 * transaction events) pass unchanged; truncate events are dropped, they have no row.
 */
public class ExtractNewRecordState<R extends ConnectRecord<R>> implements Transformation<R> {

    public static final String DELETE_TOMBSTONE_HANDLING_MODE_CONFIG = "delete.tombstone.handling.mode";
    public static final String DELETE_HANDLING_MODE_CONFIG = "delete.handling.mode";
    public static final String DROP_TOMBSTONES_CONFIG = "drop.tombstones";
    public static final String ADD_FIELDS_CONFIG = "add.fields";
    public static final String ADD_FIELDS_PREFIX_CONFIG = "add.fields.prefix";
    public static final String ADD_HEADERS_CONFIG = "add.headers";
    public static final String ADD_HEADERS_PREFIX_CONFIG = "add.headers.prefix";

    /** The field added by the rewrite modes: "true" on deletes, "false" otherwise. */
    public static final String DELETED_FIELD = "deleted";

    /** What happens to delete events and tombstones. */
    public enum DeleteHandling {
        /** Drop delete events and tombstones. */
        DROP("drop"),
        /** Turn delete events into tombstones (null value) and keep tombstones. */
        TOMBSTONE("tombstone"),
        /** Turn delete events into tombstones and drop the source's own tombstones, so each delete gives one. */
        DELETE_TO_TOMBSTONE("delete-to-tombstone"),
        /** Write the row before the delete with __deleted=true; drop tombstones. */
        REWRITE("rewrite"),
        /** As REWRITE, and keep tombstones. */
        REWRITE_WITH_TOMBSTONE("rewrite-with-tombstone");

        private final String value;

        DeleteHandling(String value) {
            this.value = value;
        }

        public String value() {
            return value;
        }

        static DeleteHandling parse(String text) {
            for (DeleteHandling mode : values()) {
                if (mode.value.equalsIgnoreCase(text.trim())) {
                    return mode;
                }
            }
            throw new ConfigException(DELETE_TOMBSTONE_HANDLING_MODE_CONFIG, text, "unknown mode");
        }
    }

    /** Entries such as {@code op}, {@code source.ts_ms} or {@code ts_ms:processed_at}. */
    private static final ConfigDef.Validator FIELD_LIST = ConfigDef.LambdaValidator.with((name, value) -> {
        for (Object entry : (java.util.List<?>) value) {
            String text = entry.toString().trim();
            if (text.isEmpty() || text.startsWith(":") || text.endsWith(":") || text.startsWith(".")
                    || text.endsWith(".")) {
                throw new ConfigException(name, value, "'" + text + "' is not a field name such as op, "
                        + "source.ts_ms or ts_ms:alias");
            }
        }
    }, () -> "field names such as op, source.ts_ms, ts_ms:alias");

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(DELETE_TOMBSTONE_HANDLING_MODE_CONFIG, ConfigDef.Type.STRING, null,
                    ConfigDef.LambdaValidator.with((name, value) -> {
                        if (value != null) {
                            DeleteHandling.parse((String) value);
                        }
                    }, () -> "[drop, tombstone, delete-to-tombstone, rewrite, rewrite-with-tombstone]"),
                    ConfigDef.Importance.MEDIUM,
                    "What happens to delete events and tombstones. 'drop': both are dropped. 'tombstone': deletes "
                            + "become tombstones, tombstones are kept. 'delete-to-tombstone': deletes become tombstones, "
                            + "the source's own tombstones are dropped. 'rewrite': a delete becomes the deleted row with "
                            + "__deleted=true (other rows carry __deleted=false), tombstones are dropped. "
                            + "'rewrite-with-tombstone': as rewrite, tombstones are kept. When unset, the older "
                            + "delete.handling.mode and drop.tombstones decide.")
            .define(DELETE_HANDLING_MODE_CONFIG, ConfigDef.Type.STRING, "drop",
                    ConfigDef.CaseInsensitiveValidString.in("drop", "none", "rewrite"), ConfigDef.Importance.LOW,
                    "Deprecated in favour of delete.tombstone.handling.mode. 'drop' drops delete events, 'none' turns "
                            + "them into tombstones, 'rewrite' adds __deleted.")
            .define(DROP_TOMBSTONES_CONFIG, ConfigDef.Type.BOOLEAN, true, ConfigDef.Importance.LOW,
                    "Deprecated in favour of delete.tombstone.handling.mode. Whether tombstones are dropped.")
            .define(ADD_FIELDS_CONFIG, ConfigDef.Type.LIST, "", FIELD_LIST, ConfigDef.Importance.LOW,
                    "Envelope or source fields to add to the row, e.g. 'op,table,lsn,source.ts_ms'. A bare name is "
                            + "looked up in the envelope first (op, ts_ms), then in source; 'source.x' and "
                            + "'transaction.x' name a nested field. Added as <prefix><name> with dots as underscores "
                            + "(__op, __source_ts_ms); 'name:alias' renames.")
            .define(ADD_FIELDS_PREFIX_CONFIG, ConfigDef.Type.STRING, "__", new ConfigDef.NonNullValidator(),
                    ConfigDef.Importance.LOW,
                    "Prefix of the added fields and of __deleted.")
            .define(ADD_HEADERS_CONFIG, ConfigDef.Type.LIST, "", FIELD_LIST, ConfigDef.Importance.LOW,
                    "Envelope or source fields to add as record headers, named as in add.fields.")
            .define(ADD_HEADERS_PREFIX_CONFIG, ConfigDef.Type.STRING, "__", new ConfigDef.NonNullValidator(),
                    ConfigDef.Importance.LOW,
                    "Prefix of the added headers.");

    private DeleteHandling deleteHandling;
    private List<String> fieldSpecs;
    private List<String> headerSpecs;
    private String fieldPrefix;
    private String headerPrefix;
    /** Legacy delete.handling.mode=drop with drop.tombstones=false: deletes dropped, tombstones kept. */
    private boolean keepTombstonesWhenDropping;
    private final SchemaCache<Plan> plans = new SchemaCache<>();

    @Override
    public void configure(Map<String, ?> configs) {
        AbstractConfig config = new AbstractConfig(CONFIG_DEF, configs);
        String mode = config.getString(DELETE_TOMBSTONE_HANDLING_MODE_CONFIG);
        if (mode != null) {
            deleteHandling = DeleteHandling.parse(mode);
        } else {
            String legacy = config.getString(DELETE_HANDLING_MODE_CONFIG).toLowerCase(Locale.ROOT);
            boolean dropTombstones = config.getBoolean(DROP_TOMBSTONES_CONFIG);
            switch (legacy) {
                case "rewrite":
                    deleteHandling = dropTombstones ? DeleteHandling.REWRITE : DeleteHandling.REWRITE_WITH_TOMBSTONE;
                    break;
                case "none":
                    deleteHandling = dropTombstones ? DeleteHandling.DELETE_TO_TOMBSTONE : DeleteHandling.TOMBSTONE;
                    break;
                case "drop":
                default:
                    // Legacy "drop" with drop.tombstones=false kept the tombstones only.
                    deleteHandling = dropTombstones ? DeleteHandling.DROP : null;
                    break;
            }
            if (deleteHandling == null) {
                deleteHandling = DeleteHandling.DROP;
                keepTombstonesWhenDropping = true;
            }
        }
        fieldSpecs = config.getList(ADD_FIELDS_CONFIG);
        headerSpecs = config.getList(ADD_HEADERS_CONFIG);
        fieldPrefix = config.getString(ADD_FIELDS_PREFIX_CONFIG);
        headerPrefix = config.getString(ADD_HEADERS_PREFIX_CONFIG);
    }

    @Override
    public R apply(R record) {
        if (record.value() == null) {
            return keepsTombstones() ? record : null;
        }
        Schema schema = record.valueSchema();
        if (schema == null || schema.type() != Schema.Type.STRUCT || !(record.value() instanceof Struct envelope)
                || !isEnvelope(schema)) {
            return record;
        }
        Plan plan = plans.get(schema, this::plan);
        String op = envelope.getString("op");
        boolean delete = "d".equals(op);
        if ("t".equals(op)) {
            return null;
        }
        Headers headers = record.headers().duplicate();
        for (Added header : plan.headers) {
            headers.add(header.name, header.read(envelope), header.schema);
        }
        if (delete) {
            switch (deleteHandling) {
                case DROP:
                    return null;
                case TOMBSTONE:
                case DELETE_TO_TOMBSTONE:
                    return record.newRecord(record.topic(), record.kafkaPartition(), record.keySchema(), record.key(),
                            null, null, record.timestamp(), headers);
                default:
                    break;
            }
        }
        Struct row = envelope.getStruct(delete ? "before" : "after");
        if (row == null) {
            // A delete without a before image (REPLICA IDENTITY NOTHING) has no row to rewrite.
            return null;
        }
        Struct out = new Struct(plan.rowSchema);
        Field[] rowFields = plan.rowFields;
        for (int i = 0; i < rowFields.length; i++) {
            Object value = row.get(rowFields[i]);
            if (value != null) {
                out.put(plan.outFields[i], value);
            }
        }
        for (Added field : plan.fields) {
            Object value = field.read(envelope);
            if (value != null) {
                out.put(field.outField, value);
            }
        }
        if (plan.deletedField != null) {
            out.put(plan.deletedField, delete ? "true" : "false");
        }
        return record.newRecord(record.topic(), record.kafkaPartition(), record.keySchema(), record.key(),
                plan.rowSchema, out, record.timestamp(), headers);
    }

    private boolean keepsTombstones() {
        switch (deleteHandling) {
            case TOMBSTONE:
            case REWRITE_WITH_TOMBSTONE:
                return true;
            case DROP:
                return keepTombstonesWhenDropping;
            default:
                return false;
        }
    }

    private static boolean isEnvelope(Schema schema) {
        return schema.field("op") != null && schema.field("after") != null && schema.field("before") != null;
    }

    /** How rows of one envelope schema are rebuilt: computed once per schema. */
    private static final class Plan {
        Schema rowSchema;
        Field[] rowFields;
        Field[] outFields;
        List<Added> fields = new ArrayList<>();
        List<Added> headers = new ArrayList<>();
        Field deletedField;
    }

    /** An envelope or source field copied into the row or the headers. */
    private static final class Added {
        final String name;
        final Field[] path;
        final Schema schema;
        Field outField;

        Added(String name, Field[] path, Schema schema) {
            this.name = name;
            this.path = path;
            this.schema = schema;
        }

        Object read(Struct envelope) {
            Struct current = envelope;
            for (int i = 0; i < path.length - 1; i++) {
                current = (Struct) current.get(path[i]);
                if (current == null) {
                    return null;
                }
            }
            return current.get(path[path.length - 1]);
        }
    }

    private Plan plan(Schema envelope) {
        Plan plan = new Plan();
        Schema rowSchema = envelope.field("after").schema();
        SchemaBuilder builder = SchemaBuilder.struct();
        if (rowSchema.name() != null) {
            builder.name(rowSchema.name());
        }
        if (rowSchema.version() != null) {
            builder.version(rowSchema.version());
        }
        if (rowSchema.doc() != null) {
            builder.doc(rowSchema.doc());
        }
        for (Field field : rowSchema.fields()) {
            builder.field(field.name(), field.schema());
        }
        for (String spec : fieldSpecs) {
            Added added = resolve(envelope, spec, fieldPrefix);
            builder.field(added.name, added.schema);
            plan.fields.add(added);
        }
        boolean rewrite = deleteHandling == DeleteHandling.REWRITE || deleteHandling == DeleteHandling.REWRITE_WITH_TOMBSTONE;
        if (rewrite) {
            builder.field(fieldPrefix + DELETED_FIELD, Schema.OPTIONAL_STRING_SCHEMA);
        }
        for (String spec : headerSpecs) {
            plan.headers.add(resolve(envelope, spec, headerPrefix));
        }
        plan.rowSchema = builder.build();
        plan.rowFields = rowSchema.fields().toArray(new Field[0]);
        plan.outFields = new Field[plan.rowFields.length];
        for (int i = 0; i < plan.rowFields.length; i++) {
            plan.outFields[i] = plan.rowSchema.field(plan.rowFields[i].name());
        }
        for (Added added : plan.fields) {
            added.outField = plan.rowSchema.field(added.name);
        }
        if (rewrite) {
            plan.deletedField = plan.rowSchema.field(fieldPrefix + DELETED_FIELD);
        }
        return plan;
    }

    private static Added resolve(Schema envelope, String spec, String prefix) {
        String path = spec.trim();
        String alias = null;
        int colon = path.indexOf(':');
        if (colon >= 0) {
            alias = path.substring(colon + 1).trim();
            path = path.substring(0, colon).trim();
        }
        String[] parts = path.split("\\.");
        List<Field> fields = new ArrayList<>();
        Schema current = envelope;
        if (parts.length == 1 && envelope.field(parts[0]) == null && envelope.field("source") != null) {
            Field source = envelope.field("source");
            fields.add(source);
            current = source.schema();
        }
        for (String part : parts) {
            Field field = current.type() == Schema.Type.STRUCT ? current.field(part) : null;
            if (field == null) {
                throw new ConfigException(ADD_FIELDS_CONFIG, spec, "the change events of " + envelope.name()
                        + " have no field " + path);
            }
            fields.add(field);
            current = field.schema();
        }
        Schema schema = optionalCopy(current);
        String name = prefix + (alias != null ? alias : path.replace('.', '_'));
        return new Added(name, fields.toArray(new Field[0]), schema);
    }

    /** The schema made optional (a source field may be missing on some events); the same when already optional. */
    private static Schema optionalCopy(Schema schema) {
        if (schema.isOptional()) {
            return schema;
        }
        SchemaBuilder builder = new SchemaBuilder(schema.type());
        if (schema.name() != null) {
            builder.name(schema.name());
        }
        if (schema.version() != null) {
            builder.version(schema.version());
        }
        if (schema.parameters() != null) {
            builder.parameters(schema.parameters());
        }
        if (schema.type() == Schema.Type.STRUCT) {
            for (Field field : schema.fields()) {
                builder.field(field.name(), field.schema());
            }
        } else if (schema.type() != Schema.Type.ARRAY && schema.type() != Schema.Type.MAP) {
            return builder.optional().build();
        } else {
            return schema;
        }
        return builder.optional().build();
    }

    @Override
    public ConfigDef config() {
        return CONFIG_DEF;
    }

    @Override
    public void close() {
    }
}
