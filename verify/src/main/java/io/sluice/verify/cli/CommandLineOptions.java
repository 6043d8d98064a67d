package io.sluice.verify.cli;

import java.util.List;

/**
 * Everything bin/verify was asked to do. Either {@code pipeline} is set (the tables come from the Connect
 * REST API), or {@code sourceUrl}, {@code targetUrl} and at least one table.
 */
public record CommandLineOptions(
        String sourceUrl, String sourceUser, String sourcePassword,
        String targetUrl, String targetUser, String targetPassword,
        List<TableSpec> tables,
        String pipeline, String connectUrl,
        boolean waitForLag, int timeoutSeconds,
        int chunkSize, long maxRowsPerSecond, int show,
        boolean json, boolean progress, boolean help) {

    public boolean pipelineMode() {
        return pipeline != null;
    }
}
