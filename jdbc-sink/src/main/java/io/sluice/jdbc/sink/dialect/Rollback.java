package io.sluice.jdbc.sink.dialect;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.Savepoint;

/**
 * Undoes the work of a failed write. When the undo fails too, the connection is gone: the network cut it, the
 * server ended it, or the pool closed it on seeing a fatal error, after which every call only says "Connection is
 * closed". Whatever the first error said, the work can then only be done again on a fresh connection, so the
 * failure is reported as a lost connection ({@link SQLRecoverableException}, SQLState 08003), which the sink
 * retries, with the first error as its cause.
 */
public final class Rollback {

    private static final String CONNECTION_DOES_NOT_EXIST = "08003";

    private Rollback() {
    }

    /** Rolls the transaction back after {@code failure}. */
    public static void all(Connection connection, Exception failure) throws SQLRecoverableException {
        try {
            connection.rollback();
        } catch (SQLException rollbackFailed) {
            throw connectionLost(failure, rollbackFailed);
        }
    }

    /** Rolls back to {@code savepoint} after {@code failure}. */
    public static void toSavepoint(Connection connection, Savepoint savepoint, Exception failure)
            throws SQLRecoverableException {
        try {
            connection.rollback(savepoint);
        } catch (SQLException rollbackFailed) {
            throw connectionLost(failure, rollbackFailed);
        }
    }

    private static SQLRecoverableException connectionLost(Exception failure, SQLException rollbackFailed) {
        SQLRecoverableException lost = new SQLRecoverableException("the connection was lost (" + failure.getMessage()
                + "; rolling back then failed: " + rollbackFailed.getMessage() + ")", CONNECTION_DOES_NOT_EXIST, failure);
        lost.addSuppressed(rollbackFailed);
        return lost;
    }
}
