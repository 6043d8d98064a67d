package io.sluice.verify.dialect;

/**
 * What a column holds, independent of the engine. Two columns are compared as one kind (see
 * {@link #comparedAs}); each engine renders its own column as that kind's canonical text.
 */
public enum ColumnKind {
    INTEGER,
    BOOLEAN,
    DECIMAL,
    /** Single precision: rounded to {@link #REAL_DIGITS} significant digits. */
    REAL,
    /** Double precision: rounded to {@link #DOUBLE_DIGITS} significant digits. */
    DOUBLE,
    /** Date and time without a zone; read as UTC. */
    TIMESTAMP,
    /** An instant (PostgreSQL timestamptz, MariaDB TIMESTAMP); rendered in UTC. */
    TIMESTAMP_TZ,
    DATE,
    TIME,
    JSON,
    UUID,
    BINARY,
    TEXT,
    /** Anything else: compared as the engine's text form. */
    OTHER;

    public static final int REAL_DIGITS = 6;
    public static final int DOUBLE_DIGITS = 12;

    /** The kind two columns are compared as, one from each side. */
    public static ColumnKind comparedAs(ColumnKind a, ColumnKind b) {
        if (a == b) {
            return a == TIMESTAMP_TZ ? TIMESTAMP : a;
        }
        if (a.isFloat() || b.isFloat()) {
            if (a.isNumber() && b.isNumber()) {
                return a == REAL || b == REAL ? REAL : DOUBLE;
            }
        } else if (a.isNumber() && b.isNumber()) {
            return DECIMAL;
        }
        if (a.isTemporal() && b.isTemporal() && a != TIME && b != TIME) {
            return TIMESTAMP;
        }
        if (a == JSON || b == JSON) {
            return a.isTextLike() || b.isTextLike() ? JSON : OTHER;
        }
        if (a == UUID || b == UUID) {
            return a.isTextLike() || b.isTextLike() ? UUID : OTHER;
        }
        return a.isTextLike() && b.isTextLike() ? TEXT : OTHER;
    }

    public boolean isNumber() {
        return this == INTEGER || this == BOOLEAN || this == DECIMAL || isFloat();
    }

    public boolean isFloat() {
        return this == REAL || this == DOUBLE;
    }

    boolean isTemporal() {
        return this == TIMESTAMP || this == TIMESTAMP_TZ || this == DATE || this == TIME;
    }

    /** Kinds whose canonical text may contain any character, so they are length-prefixed in a row text. */
    public boolean isTextLike() {
        return this == TEXT || this == JSON || this == OTHER;
    }

    /** Whether keys of this kind are bound as numbers (the rest are bound as their canonical text). */
    public boolean isExactNumber() {
        return this == INTEGER || this == DECIMAL || this == BOOLEAN;
    }

    public int significantDigits() {
        return this == REAL ? REAL_DIGITS : DOUBLE_DIGITS;
    }
}
