package io.sluice.schema.avro;

import java.util.Locale;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.errors.DataException;

/** How the registry subject of a schema is named, as Confluent's strategies of the same names. */
public enum SubjectNameStrategy {
    /** {@code <topic>-key} / {@code <topic>-value}: one evolving schema per topic. */
    TOPIC_NAME("TopicNameStrategy"),
    /** The record's full name: one schema per record type, shared across topics. */
    RECORD_NAME("RecordNameStrategy"),
    /** {@code <topic>-<record full name>}: several record types per topic. */
    TOPIC_RECORD_NAME("TopicRecordNameStrategy");

    private final String shortName;

    SubjectNameStrategy(String shortName) {
        this.shortName = shortName;
    }

    /** The name written in configs, e.g. {@code TopicNameStrategy}. */
    public String shortName() {
        return shortName;
    }

    /** The subject of a schema written to {@code topic}. */
    public String subject(String topic, boolean isKey, org.apache.avro.Schema schema) {
        switch (this) {
            case RECORD_NAME:
                return recordName(schema);
            case TOPIC_RECORD_NAME:
                return topic + "-" + recordName(schema);
            case TOPIC_NAME:
            default:
                return topic + (isKey ? "-key" : "-value");
        }
    }

    private String recordName(org.apache.avro.Schema schema) {
        if (schema.getType() != org.apache.avro.Schema.Type.RECORD) {
            throw new DataException(shortName + " needs record schemas, but the schema is " + schema.getType()
                    + "; use TopicNameStrategy for primitive keys or values");
        }
        return schema.getFullName();
    }

    /**
     * Reads a config value: the short name, with or without {@code Strategy}, or a class name ending in it such
     * as {@code io.confluent.kafka.serializers.subject.TopicNameStrategy}.
     */
    public static SubjectNameStrategy parse(String value) {
        if (value != null) {
            String name = value.trim();
            int dot = name.lastIndexOf('.');
            name = name.substring(dot + 1).toLowerCase(Locale.ROOT);
            if (!name.endsWith("strategy")) {
                name = name + "strategy";
            }
            for (SubjectNameStrategy strategy : values()) {
                if (strategy.shortName.toLowerCase(Locale.ROOT).equals(name)) {
                    return strategy;
                }
            }
        }
        throw new ConfigException("'" + value + "' is not a subject name strategy; use TopicNameStrategy, "
                + "RecordNameStrategy or TopicRecordNameStrategy");
    }

    static ConfigDef.Validator validator() {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                try {
                    parse((String) value);
                } catch (ConfigException e) {
                    throw new ConfigException(name, value, e.getMessage());
                }
            }

            @Override
            public String toString() {
                return "[TopicNameStrategy, RecordNameStrategy, TopicRecordNameStrategy]";
            }
        };
    }
}
