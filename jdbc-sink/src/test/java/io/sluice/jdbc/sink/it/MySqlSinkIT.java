package io.sluice.jdbc.sink.it;

import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.containers.MySQLContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The sink's scenarios on MySQL 8 (row-alias upserts), in a container. Skipped, and reported as skipped,
 * when no Docker engine answers.
 */
@Testcontainers(disabledWithoutDocker = true)
class MySqlSinkIT extends SinkScenarios {

    @Container
    private static final MySQLContainer<?> MYSQL = new MySQLContainer<>("mysql:8.4")
            .withUsername("sluice").withPassword("sluice").withDatabaseName("sluice");

    private static TargetDatabase database;

    @BeforeAll
    static void createDatabase() throws SQLException {
        String base = "jdbc:mysql://" + MYSQL.getHost() + ":" + MYSQL.getMappedPort(3306) + "/";
        // The container's root has the same password; the tests' user needs to create databases.
        try (java.sql.Connection root = java.sql.DriverManager.getConnection(base, "root", "sluice");
             java.sql.Statement s = root.createStatement()) {
            s.execute("GRANT ALL PRIVILEGES ON *.* TO 'sluice'@'%'");
        }
        database = new TargetDatabase.MySql("jdbc_sink_mysql", base);
        database.create();
    }

    @AfterAll
    static void dropDatabase() throws SQLException {
        if (database != null) {
            database.drop();
        }
    }

    @Override
    TargetDatabase database() {
        return database;
    }
}
