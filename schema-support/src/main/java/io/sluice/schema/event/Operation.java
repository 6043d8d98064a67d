package io.sluice.schema.event;

import org.apache.kafka.connect.errors.DataException;

/** What happened to a row, written as the one-letter code in the envelope's {@code op} field. */
public enum Operation {
    /** A row was inserted. */
    CREATE("c"),
    /** A row was updated. */
    UPDATE("u"),
    /** A row was deleted. */
    DELETE("d"),
    /** A row was read by a snapshot. */
    READ("r"),
    /** A table was truncated. */
    TRUNCATE("t");

    private final String code;

    Operation(String code) {
        this.code = code;
    }

    /** The code written in the {@code op} field: {@code c}, {@code u}, {@code d}, {@code r} or {@code t}. */
    public String code() {
        return code;
    }

    /**
     * The operation for an {@code op} code.
     *
     * @throws DataException when the code is none of ours
     */
    public static Operation fromCode(String code) {
        if (code != null && code.length() == 1) {
            switch (code.charAt(0)) {
                case 'c':
                    return CREATE;
                case 'u':
                    return UPDATE;
                case 'd':
                    return DELETE;
                case 'r':
                    return READ;
                case 't':
                    return TRUNCATE;
                default:
                    break;
            }
        }
        throw new DataException("Unknown change event operation code '" + code + "' (expected one of c, u, d, r, t)");
    }
}
