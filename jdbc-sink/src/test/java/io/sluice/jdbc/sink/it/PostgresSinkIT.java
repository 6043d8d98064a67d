package io.sluice.jdbc.sink.it;

import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The sink's scenarios on the real PostgreSQL 15, in database jdbc_sink_pg. */
class PostgresSinkIT extends SinkScenarios {

    private static final TargetDatabase DATABASE = new TargetDatabase.Postgres("jdbc_sink_pg");

    @BeforeAll
    static void createDatabase() throws SQLException {
        DATABASE.create();
    }

    @AfterAll
    static void dropDatabase() throws SQLException {
        DATABASE.drop();
    }

    @Override
    TargetDatabase database() {
        return DATABASE;
    }
}
