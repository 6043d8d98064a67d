package io.sluice.jdbc.sink.write;

import io.sluice.jdbc.sink.config.SchemaEvolution;
import io.sluice.jdbc.sink.dialect.DatabaseDialect;
import io.sluice.jdbc.sink.dialect.Rollback;
import io.sluice.jdbc.sink.dialect.TableName;
import io.sluice.jdbc.sink.record.Column;
import io.sluice.jdbc.sink.record.RowLayout;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Knows the target tables and keeps them fit for the records: creates missing tables and adds new optional
 * columns when {@code schema.evolution=basic}, and stops with an explanation on anything it must not do
 * silently (a missing table or column without evolution, a new required column, a changed type, a dropped
 * field).
 *
 * <p>Synchronized: the writer's background thread asks whether tables exist while the task thread checks layouts.
 */
final class TableCatalog {

    private static final Logger LOG = LoggerFactory.getLogger(TableCatalog.class);

    private final DatabaseDialect dialect;
    private final Identifiers identifiers;
    private final SchemaEvolution evolution;
    private final boolean catalogIsSchema;
    private final Map<TableName, Optional<TableDefinition>> definitions = new HashMap<>();
    private final Map<TableName, RowLayout> lastLayouts = new HashMap<>();
    private final Map<TableName, Set<RowLayout>> checked = new HashMap<>();

    TableCatalog(DatabaseDialect dialect, Identifiers identifiers, SchemaEvolution evolution) {
        this.dialect = dialect;
        this.identifiers = identifiers;
        this.evolution = evolution;
        this.catalogIsSchema = !"postgresql".equals(dialect.name());
    }

    /** Whether the table exists (from the cache after the first look). */
    synchronized boolean exists(Connection connection, TableName table) throws SQLException {
        return definition(connection, table) != null;
    }

    /** Whether {@link #ensure} already accepted this layout for this table, so no database look is needed. */
    synchronized boolean isChecked(TableName table, RowLayout layout) {
        Set<RowLayout> layouts = checked.get(table);
        return layouts != null && layouts.contains(layout);
    }

    /** Makes the table fit the layout, or throws a {@link ConnectException} that says why it cannot. */
    synchronized void ensure(Connection connection, TableName table, RowLayout layout) throws SQLException {
        if (isChecked(table, layout)) {
            return;
        }
        try {
            check(connection, table, layout);
        } catch (DdlFailed e) {
            // Another task may have made the same change at the same moment: look again, fail if still unfit.
            LOG.info("Schema change of {} failed ({}); reading the table again", table, e.getMessage());
            check(connection, table, layout);
        }
    }

    private void check(Connection connection, TableName table, RowLayout layout) throws SQLException {
        TableDefinition definition = definition(connection, table);
        if (layout.keyOnly()) {
            if (definition != null) {
                for (Column key : layout.keyColumns()) {
                    if (!definition.columns().containsKey(columnName(key))) {
                        throw new ConnectException("table " + table + " has no column " + columnName(key)
                                + " for the key field " + key.name() + "; it has " + definition.columns().keySet());
                    }
                }
            }
        } else if (definition == null) {
            create(connection, table, layout);
        } else {
            evolve(connection, table, layout, definition);
        }
        if (!layout.keyOnly() && !layout.schemaless()) {
            lastLayouts.put(table, layout);
        }
        checked.computeIfAbsent(table, t -> Collections.newSetFromMap(new IdentityHashMap<>())).add(layout);
    }

    private void create(Connection connection, TableName table, RowLayout layout) throws SQLException {
        if (layout.schemaless()) {
            throw new ConnectException("table " + table + " does not exist, and records without a schema cannot "
                    + "create it: create the table, or use a converter that writes schemas");
        }
        if (evolution == SchemaEvolution.NONE) {
            throw new ConnectException("table " + table + " does not exist: create it, or set schema.evolution=basic "
                    + "to let the sink create it");
        }
        List<Column> columns = new ArrayList<>();
        for (Column c : layout.allColumns()) {
            columns.add(new Column(columnName(c), c.schema(), c.kind(), c.key()));
        }
        if (table.schema() != null && !schemaExists(connection, table.schema())) {
            String sql = dialect.createSchema(table.schema());
            LOG.info("Creating schema {}: {}", table.schema(), sql);
            runDdl(connection, table, sql);
        }
        String sql = dialect.createTable(table, columns);
        LOG.info("Creating table {}: {}", table, sql);
        runDdl(connection, table, sql);
    }

    private void evolve(Connection connection, TableName table, RowLayout layout, TableDefinition definition)
            throws SQLException {
        RowLayout previous = lastLayouts.get(table);
        if (previous != null && !layout.schemaless()) {
            checkAgainstPrevious(table, layout, previous, definition);
        }
        List<Column> missing = new ArrayList<>();
        for (Column c : layout.allColumns()) {
            String name = columnName(c);
            TableDefinition.ExistingColumn existing = definition.columns().get(name);
            if (existing == null) {
                missing.add(c);
            } else if (c.kind() != null
                    && !ColumnFamily.fits(ColumnFamily.of(c.kind()), ColumnFamily.of(existing.jdbcType()))) {
                throw new ConnectException("field " + c.name() + " (" + c.schema().type()
                        + (c.schema().name() == null ? "" : " " + c.schema().name()) + ") cannot be written into column "
                        + name + " of table " + table + ", which is " + existing.typeName()
                        + "; change the column or the records, the sink does not change column types");
            }
        }
        for (Column c : missing) {
            String name = columnName(c);
            if (c.key()) {
                throw new ConnectException("table " + table + " has no column " + name + " for the key field "
                        + c.name() + "; the sink does not change keys of existing tables");
            }
            if (layout.schemaless()) {
                throw new ConnectException("table " + table + " has no column " + name + ", and records without a "
                        + "schema cannot add it: add the column, or use a converter that writes schemas");
            }
            if (evolution == SchemaEvolution.NONE) {
                throw new ConnectException("table " + table + " has no column " + name + " for field " + c.name()
                        + ": add it, or set schema.evolution=basic to let the sink add optional columns");
            }
            if (!c.optional()) {
                throw new ConnectException("field " + c.name() + " is new and required (not optional, no default), "
                        + "so it cannot be added to table " + table + " which has rows without it: make the field "
                        + "optional or give it a default, or add column " + name + " yourself");
            }
        }
        for (Column c : missing) {
            Column stored = new Column(columnName(c), c.schema(), c.kind(), false);
            String sql = dialect.addColumn(table, stored);
            LOG.info("Adding column to {}: {}", table, sql);
            runDdl(connection, table, sql);
        }
    }

    /** A field that disappeared or changed its type since the last records of this table. */
    private void checkAgainstPrevious(TableName table, RowLayout layout, RowLayout previous, TableDefinition definition) {
        Map<String, Column> now = new HashMap<>();
        for (Column c : layout.allColumns()) {
            now.put(c.name(), c);
        }
        for (Column before : previous.allColumns()) {
            Column after = now.get(before.name());
            if (after == null) {
                if (definition.columns().containsKey(columnName(before))) {
                    throw new ConnectException("field " + before.name() + " was dropped from the records of table "
                            + table + "; the sink does not drop columns nor leave them silently stale: drop column "
                            + columnName(before) + " (or make it nullable and keep it) and restart the task");
                }
            } else if (after.kind() != null && before.kind() != null
                    && ColumnFamily.of(after.kind()) != ColumnFamily.of(before.kind())) {
                throw new ConnectException("field " + before.name() + " of table " + table + " changed its type from "
                        + before.kind() + " to " + after.kind() + "; the sink does not change column types: migrate "
                        + "column " + columnName(before) + " yourself and restart the task");
            }
        }
    }

    private boolean schemaExists(Connection connection, String schema) throws SQLException {
        java.sql.DatabaseMetaData meta = connection.getMetaData();
        try (java.sql.ResultSet rs = catalogIsSchema ? meta.getCatalogs() : meta.getSchemas()) {
            while (rs.next()) {
                if (schema.equals(rs.getString(1))) {
                    return true;
                }
            }
        }
        return false;
    }

    private void runDdl(Connection connection, TableName table, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
            connection.commit();
        } catch (SQLException e) {
            Rollback.all(connection, e);
            if (dialect.isTransient(e)) {
                throw e;
            }
            throw new DdlFailed("cannot change table " + table + " with: " + sql + ": " + e.getMessage(), e);
        } finally {
            definitions.remove(table);
        }
    }

    private TableDefinition definition(Connection connection, TableName table) throws SQLException {
        Optional<TableDefinition> cached = definitions.get(table);
        if (cached == null) {
            cached = Optional.ofNullable(TableDefinition.read(connection, table, catalogIsSchema));
            // Only tables that exist are remembered: one created by someone else later must be seen.
            if (cached.isPresent()) {
                definitions.put(table, cached);
            }
        }
        return cached.orElse(null);
    }

    /** Forgets what is known of a table, so that the next records look at the database again. */
    synchronized void forget(TableName table) {
        definitions.remove(table);
        checked.remove(table);
    }

    /** A CREATE or ALTER the database refused. */
    private static final class DdlFailed extends ConnectException {
        DdlFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    String columnName(Column column) {
        return identifiers.name(column.name(), "column");
    }
}
