package io.sluice.verify.dialect;

/**
 * A column as the database describes it.
 *
 * @param name       the column name as stored in the catalog
 * @param nativeType the engine's type name (PostgreSQL udt_name, MariaDB DATA_TYPE)
 * @param kind       what it holds, independent of the engine
 */
public record Column(String name, String nativeType, ColumnKind kind) {
}
