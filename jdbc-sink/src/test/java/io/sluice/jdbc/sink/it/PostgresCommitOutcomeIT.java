package io.sluice.jdbc.sink.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.jdbc.sink.dialect.PostgresDialect;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * How the sink learns, after a connection was lost during a commit, whether that commit took effect: the
 * transaction id taken before the commit, looked up on another connection.
 */
class PostgresCommitOutcomeIT {

    private static final TargetDatabase DATABASE = new TargetDatabase.Postgres("jdbc_sink_pg_outcome");
    private final PostgresDialect dialect = new PostgresDialect();

    @BeforeAll
    static void createDatabase() throws Exception {
        DATABASE.create();
        DATABASE.execute("CREATE TABLE t (id int)");
    }

    @AfterAll
    static void dropDatabase() throws Exception {
        DATABASE.drop();
    }

    private long transactionEndedBy(boolean commit) throws Exception {
        try (Connection connection = DATABASE.connect(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.execute("INSERT INTO t VALUES (1)");
            long id = dialect.transactionId(connection);
            if (commit) {
                connection.commit();
            } else {
                connection.rollback();
            }
            return id;
        }
    }

    @Test
    void aCommittedTransactionIsToldFromARolledBackOne() throws Exception {
        long committed = transactionEndedBy(true);
        long rolledBack = transactionEndedBy(false);
        try (Connection other = DATABASE.connect()) {
            assertThat(dialect.committed(other, committed)).isTrue();
            assertThat(dialect.committed(other, rolledBack)).isFalse();
        }
    }

    @Test
    void aTransactionWhoseSessionWasTerminatedBeforeItsCommitDidNotCommit() throws Exception {
        long id;
        try (Connection connection = DATABASE.connect(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.execute("INSERT INTO t VALUES (2)");
            id = dialect.transactionId(connection);
            DATABASE.killSinkSessions();
        }
        try (Connection other = DATABASE.connect()) {
            assertThat(dialect.committed(other, id)).isFalse();
        }
    }
}
