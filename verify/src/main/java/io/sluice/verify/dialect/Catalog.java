package io.sluice.verify.dialect;

import io.sluice.verify.db.TableName;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** What an engine's catalog says about tables: columns, primary key, size. */
public interface Catalog {

    /** The schema (PostgreSQL) or database (MariaDB) unqualified names live in. */
    String defaultSchema(Connection connection) throws SQLException;

    /** The table as the catalog spells it (exact match first, then a unique case-insensitive match), or null. */
    TableName find(Connection connection, TableName table) throws SQLException;

    List<Column> columns(Connection connection, TableName table) throws SQLException;

    List<String> primaryKey(Connection connection, TableName table) throws SQLException;

    /** The catalog's row estimate (no scan); 0 when unknown. */
    long estimatedRows(Connection connection, TableName table) throws SQLException;

    /** Every base table outside the system schemas. */
    List<TableName> tables(Connection connection) throws SQLException;
}
