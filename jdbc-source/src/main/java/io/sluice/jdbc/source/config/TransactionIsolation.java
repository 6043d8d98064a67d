package io.sluice.jdbc.source.config;

import java.sql.Connection;
import java.util.Arrays;
import java.util.Locale;
import org.apache.kafka.common.config.ConfigException;

/** The isolation level the polling transactions run at; DEFAULT keeps the driver's and server's setting. */
public enum TransactionIsolation {
    DEFAULT(-1),
    READ_UNCOMMITTED(Connection.TRANSACTION_READ_UNCOMMITTED),
    READ_COMMITTED(Connection.TRANSACTION_READ_COMMITTED),
    REPEATABLE_READ(Connection.TRANSACTION_REPEATABLE_READ),
    SERIALIZABLE(Connection.TRANSACTION_SERIALIZABLE);

    private final int jdbcLevel;

    TransactionIsolation(int jdbcLevel) {
        this.jdbcLevel = jdbcLevel;
    }

    /** The {@link Connection} constant, or -1 for DEFAULT. */
    public int jdbcLevel() {
        return jdbcLevel;
    }

    public static String[] names() {
        return Arrays.stream(values()).map(Enum::name).toArray(String[]::new);
    }

    public static TransactionIsolation parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ConfigException("transaction.isolation.mode", text,
                    "must be one of " + String.join(", ", names()));
        }
    }
}
