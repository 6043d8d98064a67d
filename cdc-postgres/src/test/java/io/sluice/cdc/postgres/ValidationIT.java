package io.sluice.cdc.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.replication.PGReplicationStream;

/** validate() talks to the server and puts each problem on the option the user has to change. */
class ValidationIT {

    private TestDatabase db;

    @BeforeEach
    void setUp() throws Exception {
        db = new TestDatabase("validate");
        db.execute("CREATE TABLE public.orders (id int PRIMARY KEY)");
    }

    @AfterEach
    void tearDown() throws Exception {
        try (Connection c = TestDatabase.connect("sluice"); Statement st = c.createStatement()) {
            st.execute("DROP ROLE IF EXISTS cdc_pg_norepl");
        }
        db.close();
    }

    private static Map<String, List<String>> errors(Map<String, String> config) {
        Config result = new PostgresSourceConnector().validate(config);
        return result.configValues().stream().filter(v -> !v.errorMessages().isEmpty())
                .collect(Collectors.toMap(ConfigValue::name, ConfigValue::errorMessages));
    }

    @Test
    void aGoodConfigHasNoErrors() {
        assertThat(errors(db.config("table.include.list", "public\\.orders"))).isEmpty();
    }

    @Test
    void anUnreachableHostIsReportedOnTheHostname() {
        Map<String, List<String>> errors = errors(db.config("database.port", "1", "database.connect.timeout.ms", "2000"));
        assertThat(errors).containsOnlyKeys("database.hostname");
    }

    @Test
    void badCredentialsAreReportedOnUserAndPassword() {
        // The test server trusts local connections, so an unknown role stands in for a wrong password.
        Map<String, List<String>> errors = errors(db.config("database.user", "cdc_pg_nobody"));
        assertThat(errors).containsOnlyKeys("database.password", "database.user");
        assertThat(errors.get("database.user").get(0)).contains("Authentication failed");
    }

    @Test
    void aMissingDatabaseIsReportedOnTheDatabaseName() {
        assertThat(errors(db.config("database.dbname", "cdc_pg_missing"))).containsOnlyKeys("database.dbname");
    }

    @Test
    void aMissingReplicationPrivilegeIsReportedOnTheUser() throws Exception {
        try (Connection c = TestDatabase.connect("sluice"); Statement st = c.createStatement()) {
            st.execute("CREATE ROLE cdc_pg_norepl LOGIN PASSWORD 'pw' NOREPLICATION");
        }
        Map<String, List<String>> errors = errors(db.config("database.user", "cdc_pg_norepl", "database.password", "pw"));
        assertThat(errors).containsOnlyKeys("database.user");
        assertThat(errors.get("database.user").get(0)).contains("REPLICATION");
    }

    @Test
    void anIncludedTableThatDoesNotExistIsReportedOnTheIncludeList() {
        Map<String, List<String>> errors = errors(db.config("table.include.list", "public\\.orders,public\\.nope"));
        assertThat(errors).containsOnlyKeys("table.include.list");
        assertThat(errors.get("table.include.list").get(0)).contains("public\\.nope");
    }

    @Test
    void aSlotActiveElsewhereIsReportedOnTheSlotName() throws Exception {
        Map<String, String> config = db.config();
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("SELECT pg_create_logical_replication_slot('" + db.name + "', 'pgoutput')");
        }
        db.execute("CREATE PUBLICATION " + db.name + " FOR ALL TABLES");
        java.util.Properties props = new java.util.Properties();
        props.setProperty("user", TestDatabase.USER);
        props.setProperty("password", TestDatabase.PASSWORD);
        props.setProperty("replication", "database");
        props.setProperty("preferQueryMode", "simple");
        props.setProperty("assumeMinServerVersion", "10");
        try (Connection replication = java.sql.DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:5432/" + db.name, props);
                PGReplicationStream stream = replication.unwrap(PGConnection.class).getReplicationAPI()
                        .replicationStream().logical().withSlotName(db.name)
                        .withSlotOption("proto_version", 1).withSlotOption("publication_names", db.name).start()) {
            stream.readPending();
            Map<String, List<String>> errors = errors(config);
            assertThat(errors).containsOnlyKeys("slot.name");
            assertThat(errors.get("slot.name").get(0)).contains("in use");
        }
    }

    @Test
    void aMissingPublicationIsReportedWhenAutocreateIsDisabled() {
        assertThat(errors(db.config("publication.autocreate.mode", "disabled"))).containsOnlyKeys("publication.name");
    }
}
