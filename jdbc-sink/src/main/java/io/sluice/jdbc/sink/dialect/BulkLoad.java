package io.sluice.jdbc.sink.dialect;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Writes many rows of one table and row layout faster than a JDBC batch: rows are appended to a buffer one by
 * one, then loaded in one go inside the connection's transaction, with the same result as the batch
 * statement would have.
 */
public interface BulkLoad {

    /**
     * Appends one row: the key's values, then the other columns' values.
     *
     * @throws CopyText.NotCopyable when a value has no exact form here; write the rows with the statement instead
     * @throws RuntimeException     when a value does not fit its column's kind (the record is at fault)
     */
    void appendRow(StringBuilder rows, Object[] key, Object[] values);

    /**
     * Loads the appended rows.
     *
     * @param newRows whether every row is expected to be new to the table (inserts, or CDC creates whose key
     *                the table is not expected to have yet), so that a load that only inserts may be tried first
     * @return whether the rows went straight into the table, without the general path's extra step
     */
    boolean load(Connection connection, StringBuilder rows, boolean newRows) throws SQLException;
}
