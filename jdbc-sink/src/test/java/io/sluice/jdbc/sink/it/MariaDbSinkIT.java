package io.sluice.jdbc.sink.it;

import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The sink's scenarios on the real MariaDB 10.11, in database jdbc_sink_maria. */
class MariaDbSinkIT extends SinkScenarios {

    private static final TargetDatabase DATABASE = new TargetDatabase.MariaDb("jdbc_sink_maria");

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
