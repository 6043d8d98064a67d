package io.sluice.schema.json;

/**
 * Thrown by the payload writer and reader for input they leave to Kafka's own converter. Carries no stack trace:
 * it is control flow, caught a few frames up in {@link JsonConverter}.
 */
final class NotOnFastPath extends RuntimeException {

    private static final long serialVersionUID = 1L;

    static final NotOnFastPath INSTANCE = new NotOnFastPath();

    private NotOnFastPath() {
        super("left to Kafka's JsonConverter", null, false, false);
    }
}
