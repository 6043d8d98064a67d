package io.sluice.verify.pipeline;

import io.sluice.verify.VerifyException;
import io.sluice.verify.db.DatabaseEndpoint;
import io.sluice.verify.db.TableName;

import java.util.List;

/** Lists the base tables of a source database, so a connector's include lists (regular expressions) can be expanded. */
public interface SourceTables {

    List<TableName> list(DatabaseEndpoint source) throws VerifyException;
}
