package io.sluice.verify.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Parses bin/verify's arguments ({@code --name value} or {@code --name=value}) and checks they make sense together. */
public final class CommandLineParser {

    public static final String SOURCE_PASSWORD_ENV = "SLUICE_VERIFY_SOURCE_PASSWORD";
    public static final String TARGET_PASSWORD_ENV = "SLUICE_VERIFY_TARGET_PASSWORD";
    public static final String DEFAULT_CONNECT_URL = "http://127.0.0.1:8083";

    public static final String USAGE = String.join(System.lineSeparator(),
            "usage: bin/verify --source JDBC_URL --target JDBC_URL --table NAME [--table SRC_NAME:TARGET_NAME ...] [options]",
            "       bin/verify --pipeline NAME [--connect-url " + DEFAULT_CONNECT_URL + "] [options]",
            "",
            "Compares source and target tables by primary-key chunks with checksums computed in the databases.",
            "Exit status: 0 equal, 1 different, 2 error.",
            "",
            "  --source URL, --target URL     JDBC URLs (jdbc:postgresql:, jdbc:mariadb:, jdbc:mysql:)",
            "  --source-user U, --target-user U",
            "  --source-password P, --target-password P   (or env " + SOURCE_PASSWORD_ENV + " / " + TARGET_PASSWORD_ENV + ")",
            "  --table NAME | SRC:TARGET      table to compare, schema.table allowed; repeatable",
            "  --pipeline NAME                compare the tables of the Sluice pipeline whose source connector is NAME",
            "  --connect-url URL              Connect REST API (default " + DEFAULT_CONNECT_URL + ")",
            "  --wait-for-lag                 repeat the comparison until equal or --timeout passes",
            "  --timeout SECONDS              for --wait-for-lag (default 300)",
            "  --chunk-size ROWS              rows per checksummed chunk (default 10000)",
            "  --max-rows-per-second ROWS     read rate limit per database (default: none)",
            "  --show N                       differing keys listed per kind (default 20)",
            "  --json                         machine-readable report on stdout",
            "  --no-progress                  no progress bar on stderr",
            "  --help");

    private CommandLineParser() {
    }

    public static CommandLineOptions parse(String[] args, Map<String, String> environment) throws UsageException {
        String sourceUrl = null;
        String sourceUser = null;
        String sourcePassword = null;
        String targetUrl = null;
        String targetUser = null;
        String targetPassword = null;
        List<TableSpec> tables = new ArrayList<>();
        String pipeline = null;
        String connectUrl = null;
        boolean waitForLag = false;
        Integer timeout = null;
        int chunkSize = 10_000;
        long maxRowsPerSecond = 0;
        int show = 20;
        boolean json = false;
        boolean progress = true;
        boolean help = false;

        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg;
            String inlineValue = null;
            int equals = arg.indexOf('=');
            if (arg.startsWith("--") && equals > 0) {
                name = arg.substring(0, equals);
                inlineValue = arg.substring(equals + 1);
            }
            switch (name) {
                case "--wait-for-lag" -> waitForLag = flag(name, inlineValue);
                case "--json" -> json = flag(name, inlineValue);
                case "--no-progress" -> progress = !flag(name, inlineValue);
                case "--help", "-h" -> help = flag(name, inlineValue);
                default -> {
                    String value = inlineValue;
                    if (value == null) {
                        if (i + 1 >= args.length) {
                            throw new UsageException(known(name) ? name + " needs a value" : "unknown option " + name);
                        }
                        value = args[++i];
                    }
                    switch (name) {
                        case "--source" -> sourceUrl = value;
                        case "--source-user" -> sourceUser = value;
                        case "--source-password" -> sourcePassword = value;
                        case "--target" -> targetUrl = value;
                        case "--target-user" -> targetUser = value;
                        case "--target-password" -> targetPassword = value;
                        case "--table" -> tables.add(TableSpec.parse(value));
                        case "--pipeline" -> pipeline = value;
                        case "--connect-url" -> connectUrl = value;
                        case "--timeout" -> timeout = positiveInt(name, value);
                        case "--chunk-size" -> chunkSize = positiveInt(name, value);
                        case "--max-rows-per-second" -> maxRowsPerSecond = positiveInt(name, value);
                        case "--show" -> show = nonNegativeInt(name, value);
                        default -> throw new UsageException("unknown option " + name);
                    }
                }
            }
        }
        if (sourcePassword == null) {
            sourcePassword = environment.get(SOURCE_PASSWORD_ENV);
        }
        if (targetPassword == null) {
            targetPassword = environment.get(TARGET_PASSWORD_ENV);
        }
        if (!help) {
            if (pipeline != null) {
                if (sourceUrl != null || targetUrl != null || !tables.isEmpty()) {
                    throw new UsageException("--pipeline reads the source, target and tables from Connect; "
                            + "do not combine it with --source, --target or --table");
                }
            } else {
                if (sourceUrl == null || targetUrl == null || tables.isEmpty()) {
                    throw new UsageException("give --source, --target and at least one --table, or --pipeline");
                }
                if (connectUrl != null) {
                    throw new UsageException("--connect-url only applies with --pipeline");
                }
            }
            if (timeout != null && !waitForLag) {
                throw new UsageException("--timeout only applies with --wait-for-lag");
            }
        }
        return new CommandLineOptions(sourceUrl, sourceUser, sourcePassword, targetUrl, targetUser, targetPassword,
                List.copyOf(tables), pipeline, connectUrl == null ? DEFAULT_CONNECT_URL : connectUrl,
                waitForLag, timeout == null ? 300 : timeout, chunkSize, maxRowsPerSecond, show, json, progress, help);
    }

    private static boolean known(String name) {
        return List.of("--source", "--source-user", "--source-password", "--target", "--target-user", "--target-password",
                "--table", "--pipeline", "--connect-url", "--timeout", "--chunk-size", "--max-rows-per-second", "--show")
                .contains(name);
    }

    private static boolean flag(String name, String inlineValue) throws UsageException {
        if (inlineValue != null) {
            throw new UsageException(name + " takes no value");
        }
        return true;
    }

    private static int positiveInt(String name, String value) throws UsageException {
        int number = nonNegativeInt(name, value);
        if (number == 0) {
            throw new UsageException(name + " must be at least 1");
        }
        return number;
    }

    private static int nonNegativeInt(String name, String value) throws UsageException {
        try {
            int number = Integer.parseInt(value.trim());
            if (number < 0) {
                throw new UsageException(name + " must not be negative: " + value);
            }
            return number;
        } catch (NumberFormatException notNumber) {
            throw new UsageException(name + " expects a whole number, got '" + value + "'");
        }
    }
}
