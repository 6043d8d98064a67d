package io.sluice.jdbc.source.schema;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Reads one column of the current row as a Connect value. Built once per query, with the column index and the
 * conversion fixed, so that reading a row is a plain loop over typed getters.
 */
@FunctionalInterface
public interface ColumnReader {

    /** The Connect value of the column in the current row, or null for SQL NULL. */
    Object read(ResultSet row) throws SQLException;
}
