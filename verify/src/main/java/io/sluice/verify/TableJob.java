package io.sluice.verify;

import io.sluice.verify.db.DatabaseEndpoint;
import io.sluice.verify.db.TableName;

/** One table to compare: where its source and target live and what each is called there. */
public record TableJob(DatabaseEndpoint source, TableName sourceTable, DatabaseEndpoint target, TableName targetTable) {
}
