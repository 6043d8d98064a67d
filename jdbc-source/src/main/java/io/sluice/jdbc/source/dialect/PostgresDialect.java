package io.sluice.jdbc.source.dialect;

import io.sluice.jdbc.source.discovery.TableId;

/** PostgreSQL: ANSI quoting and clock; streaming needs a transaction, which every connection has here. */
public class PostgresDialect extends Dialect {

    public PostgresDialect(boolean quoteIdentifiers) {
        super(quoteIdentifiers);
    }

    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    protected boolean isSystemSchema(TableId table) {
        return super.isSystemSchema(table) || "pg_catalog".equals(table.schema())
                || (table.schema() != null && table.schema().startsWith("pg_toast"));
    }
}
