package io.sluice.jdbc.sink.dialect;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Writes many rows of one table and row layout faster than a JDBC batch: a load is opened in the connection's
 * transaction, rows are appended one by one and sent as they come, so that the database works on the first
 * rows while the next are encoded, and the load ends with the same result the batch statement would have.
 */
public interface BulkLoad {

    /** How a load ended. */
    enum Outcome {
        /** Written through the general path (PostgreSQL: a staging table, then one statement). */
        WRITTEN,
        /** Written straight into the table, skipping the general path's extra step. */
        WRITTEN_DIRECTLY,
        /**
         * Nothing was written (new rows met keys the table already has, or the database refused the load):
         * write the rows again as rows the table may have.
         */
        NOT_WRITTEN
    }

    /**
     * Opens a load.
     *
     * @param newRows whether every row is expected to be new to the table (inserts, or CDC creates whose key
     *                the table is not expected to have yet), so that a load that only inserts may be tried
     * @return the load, or null when there is none for such rows here: write them with the batch statement
     */
    Load open(Connection connection, boolean newRows) throws SQLException;

    /** One load in progress. Exactly one of {@link #finish} or {@link #abandon} ends it. */
    interface Load {

        /**
         * Appends one row: the key's values (none when {@code key} is null), then the other columns' values.
         *
         * @throws CopyText.NotCopyable when a value has no exact form here; abandon the load and write the rows
         *                              with the statement instead
         * @throws RuntimeException     when a value does not fit its column's kind (the record is at fault)
         */
        void appendRow(Object[] key, Object[] values) throws SQLException;

        Outcome finish() throws SQLException;

        /** Undoes what the load sent, leaving the transaction as it was before {@link #open}. */
        void abandon() throws SQLException;
    }
}
