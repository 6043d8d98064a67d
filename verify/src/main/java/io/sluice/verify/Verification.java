package io.sluice.verify;

import io.sluice.verify.compare.ComparisonSettings;
import io.sluice.verify.compare.TableComparison;
import io.sluice.verify.db.DatabaseConnections;
import io.sluice.verify.db.TableName;
import io.sluice.verify.dialect.Catalog;
import io.sluice.verify.dialect.Column;
import io.sluice.verify.dialect.Dialect;
import io.sluice.verify.report.TableResult;
import io.sluice.verify.table.TablePairing;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Runs the comparisons of a list of table jobs, one after the other, and collects their results. */
public final class Verification {

    private final DatabaseConnections connections;
    private final ComparisonSettings settings;
    private final PrintStream progressOut;

    public Verification(DatabaseConnections connections, ComparisonSettings settings, PrintStream progressOut) {
        this.connections = connections;
        this.settings = settings;
        this.progressOut = progressOut;
    }

    public List<TableResult> run(List<TableJob> jobs) throws VerifyException, InterruptedException {
        List<TableResult> results = new ArrayList<>();
        for (TableJob job : jobs) {
            results.add(compare(job));
        }
        return results;
    }

    private TableResult compare(TableJob job) throws VerifyException, InterruptedException {
        Dialect sourceDialect = DatabaseConnections.dialect(job.source(), "source");
        Dialect targetDialect = DatabaseConnections.dialect(job.target(), "target");
        Connection source = connections.get(job.source(), "source");
        Connection target = connections.get(job.target(), "target");
        String what = job.sourceTable() + " -> " + job.targetTable();
        try {
            TableName sourceTable = resolve(source, sourceDialect.catalog(), job.sourceTable(), "source");
            TableName targetTable;
            try {
                targetTable = resolve(target, targetDialect.catalog(), job.targetTable(), "target");
            } catch (VerifyException missing) {
                endCatalogReads(source, target);  // a look again (--wait-for-lag) must see a table created since
                throw missing;
            }
            List<Column> sourceColumns = sourceDialect.catalog().columns(source, sourceTable);
            List<String> sourceKey = sourceDialect.catalog().primaryKey(source, sourceTable);
            List<Column> targetColumns = targetDialect.catalog().columns(target, targetTable);
            endCatalogReads(source, target);
            TablePairing pairing;
            try {
                pairing = TablePairing.of(sourceTable, sourceColumns, sourceKey, targetTable, targetColumns,
                        sourceDialect.getClass() == targetDialect.getClass());
            } catch (IllegalStateException unusable) {
                throw new VerifyException(unusable.getMessage(), unusable);
            }
            return new TableComparison(source, sourceDialect, target, targetDialect, settings, progressOut).compare(pairing);
        } catch (SQLException failure) {
            throw new VerifyException("comparing " + what + " failed: " + DatabaseConnections.oneLine(failure), failure);
        }
    }

    /** Catalog reads opened a transaction on PostgreSQL; close it so the table's snapshot starts fresh. */
    private static void endCatalogReads(Connection source, Connection target) throws SQLException {
        if (!source.getAutoCommit()) {
            source.rollback();
        }
        if (!target.getAutoCommit()) {
            target.rollback();
        }
    }

    private static TableName resolve(Connection connection, Catalog catalog, TableName name, String role)
            throws SQLException, VerifyException {
        TableName qualified = name;
        if (!name.hasSchema()) {
            String schema = catalog.defaultSchema(connection);
            if (schema == null) {
                throw new VerifyException(role + " table " + name + " has no schema or database and the " + role
                        + " URL names no default database; write it as database.table");
            }
            qualified = name.inSchema(schema);
        }
        TableName found = catalog.find(connection, qualified);
        if (found == null) {
            String message = role + " table " + qualified + " does not exist";
            throw "target".equals(role) ? VerifyException.targetTableMissing(message) : new VerifyException(message);
        }
        return found;
    }
}
