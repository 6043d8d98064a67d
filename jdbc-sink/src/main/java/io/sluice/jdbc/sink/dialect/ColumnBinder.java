package io.sluice.jdbc.sink.dialect;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/** Binds one column's Connect value (possibly null) to a statement parameter. Chosen once per column. */
@FunctionalInterface
public interface ColumnBinder {
    void bind(PreparedStatement statement, int index, Object value) throws SQLException;
}
