package io.sluice.cdc.mysql.schema;

import java.sql.Connection;
import java.sql.SQLException;

/** Where {@link TableCatalog} gets its JDBC connection: a fixed one, or one reopened after the server restarted. */
@FunctionalInterface
public interface CatalogConnection {

    Connection get() throws SQLException;
}
