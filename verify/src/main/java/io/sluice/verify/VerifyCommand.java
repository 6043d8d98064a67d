package io.sluice.verify;

import io.sluice.verify.cli.CommandLineOptions;
import io.sluice.verify.cli.CommandLineParser;
import io.sluice.verify.cli.TableSpec;
import io.sluice.verify.compare.ComparisonSettings;
import io.sluice.verify.db.DatabaseConnections;
import io.sluice.verify.db.DatabaseEndpoint;
import io.sluice.verify.db.TableName;
import io.sluice.verify.pipeline.ConnectRestClient;
import io.sluice.verify.pipeline.PipelineDiscovery;
import io.sluice.verify.report.JsonReport;
import io.sluice.verify.report.TableResult;
import io.sluice.verify.report.TextReport;

import java.io.IOException;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * bin/verify: proves a pipeline lost nothing by comparing source and target tables.
 * Exit status 0 when every table is equal, 1 when one differs, 2 on an error.
 */
public final class VerifyCommand {

    public static final int EQUAL = 0;
    public static final int DIFFERENT = 1;
    public static final int ERROR = 2;

    private static final long RETRY_PAUSE_MILLIS = 2_000;

    private final PrintStream out;
    private final PrintStream err;

    public VerifyCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(new VerifyCommand(System.out, System.err).run(args, System.getenv()));
    }

    public int run(String[] args, Map<String, String> environment) {
        CommandLineOptions options;
        try {
            options = CommandLineParser.parse(args, environment);
        } catch (io.sluice.verify.cli.UsageException bad) {
            err.println("verify: " + bad.getMessage());
            err.println("run bin/verify --help for the options");
            return ERROR;
        }
        if (options.help()) {
            out.println(CommandLineParser.USAGE);
            return EQUAL;
        }
        try (DatabaseConnections connections = new DatabaseConnections()) {
            return verify(options, connections);
        } catch (VerifyException failure) {
            err.println("verify: " + failure.getMessage());
            return ERROR;
        } catch (SQLException closing) {
            err.println("verify: closing connections failed: " + DatabaseConnections.oneLine(closing));
            return ERROR;
        } catch (IOException writing) {
            err.println("verify: cannot write the report: " + writing.getMessage());
            return ERROR;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            err.println("verify: interrupted");
            return ERROR;
        } catch (RuntimeException bug) {
            // not a difference: status 2 with the cause, and the trace for the bug report
            err.println("verify: unexpected failure: " + bug);
            bug.printStackTrace(err);
            return ERROR;
        }
    }

    private int verify(CommandLineOptions options, DatabaseConnections connections)
            throws VerifyException, IOException, InterruptedException {
        List<TableJob> jobs = options.pipelineMode() ? discover(options, connections) : jobs(options);
        ComparisonSettings settings = new ComparisonSettings(options.chunkSize(), options.maxRowsPerSecond(),
                options.show(), options.progress() && stderrIsTerminal());
        Verification verification = new Verification(connections, settings, err);
        long deadline = System.nanoTime() + options.timeoutSeconds() * 1_000_000_000L;
        int attempts = 1;
        List<TableResult> results = new ArrayList<>(runOnceTargetsExist(verification, jobs, options, deadline));
        while (options.waitForLag() && !allEqual(results)
                && System.nanoTime() + RETRY_PAUSE_MILLIS * 1_000_000L < deadline) {
            long differing = results.stream().filter(r -> !r.equal()).count();
            err.println("verify: " + differing + " table(s) not caught up yet (comparison " + attempts + "); comparing them again in "
                    + RETRY_PAUSE_MILLIS / 1000 + " s");
            Thread.sleep(RETRY_PAUSE_MILLIS);
            attempts++;
            // a table found equal stays proven (it was equal in a consistent snapshot); only the others are compared again
            for (int i = 0; i < jobs.size(); i++) {
                if (!results.get(i).equal()) {
                    results.set(i, verification.run(List.of(jobs.get(i))).get(0));
                }
            }
        }
        if (options.json()) {
            JsonReport.write(results, attempts, out);
        } else {
            TextReport.write(results, attempts, out);
        }
        return allEqual(results) ? EQUAL : DIFFERENT;
    }

    /**
     * Compares; under --wait-for-lag a target table that does not exist yet is lag too (a sink creates its tables
     * when the first records reach it), so the comparison waits for it until the deadline.
     */
    private List<TableResult> runOnceTargetsExist(Verification verification, List<TableJob> jobs,
            CommandLineOptions options, long deadline) throws VerifyException, InterruptedException {
        while (true) {
            try {
                return verification.run(jobs);
            } catch (VerifyException failure) {
                if (!options.waitForLag() || !failure.isTargetTableMissing()
                        || System.nanoTime() + RETRY_PAUSE_MILLIS * 1_000_000L >= deadline) {
                    throw failure;
                }
                err.println("verify: " + failure.getMessage() + " yet; looking again in " + RETRY_PAUSE_MILLIS / 1000
                        + " s");
                Thread.sleep(RETRY_PAUSE_MILLIS);
            }
        }
    }

    private static boolean allEqual(List<TableResult> results) {
        return results.stream().allMatch(TableResult::equal);
    }

    /** bin/verify tells whether stderr is a terminal (Java cannot); without it, trust System.console(). */
    private static boolean stderrIsTerminal() {
        String told = System.getProperty("sluice.verify.stderr.terminal");
        return told != null ? Boolean.parseBoolean(told) : System.console() != null;
    }

    private static List<TableJob> jobs(CommandLineOptions options) {
        DatabaseEndpoint source = new DatabaseEndpoint(options.sourceUrl(), options.sourceUser(), options.sourcePassword());
        DatabaseEndpoint target = new DatabaseEndpoint(options.targetUrl(), options.targetUser(), options.targetPassword());
        List<TableJob> jobs = new ArrayList<>();
        for (TableSpec table : options.tables()) {
            jobs.add(new TableJob(source, table.source(), target, table.target()));
        }
        return jobs;
    }

    private static List<TableJob> discover(CommandLineOptions options, DatabaseConnections connections) throws VerifyException {
        PipelineDiscovery discovery = new PipelineDiscovery(new ConnectRestClient(options.connectUrl()),
                source -> listTables(source, connections),
                new PipelineDiscovery.Credentials(options.sourceUser(), options.sourcePassword(),
                        options.targetUser(), options.targetPassword()));
        return discovery.discover(options.pipeline());
    }

    private static List<TableName> listTables(DatabaseEndpoint source, DatabaseConnections connections) throws VerifyException {
        Connection connection = connections.get(source, "source");
        try {
            List<TableName> tables = DatabaseConnections.dialect(source, "source").catalog().tables(connection);
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
            return tables;
        } catch (SQLException failure) {
            throw new VerifyException("cannot list the tables of source " + source + ": " + DatabaseConnections.oneLine(failure), failure);
        }
    }
}
