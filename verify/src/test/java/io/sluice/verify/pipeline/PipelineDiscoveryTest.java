package io.sluice.verify.pipeline;

import io.sluice.verify.TableJob;
import io.sluice.verify.VerifyException;
import io.sluice.verify.db.DatabaseEndpoint;
import io.sluice.verify.db.TableName;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PipelineDiscoveryTest {

    private static final PipelineDiscovery.Credentials NONE = new PipelineDiscovery.Credentials(null, null, null, null);

    private static ConnectorConfigs connectors(Map<String, Map<String, String>> configs) {
        return new ConnectorConfigs() {
            @Override
            public List<String> connectorNames() {
                return List.copyOf(configs.keySet());
            }

            @Override
            public Map<String, String> config(String connector) throws VerifyException {
                Map<String, String> config = configs.get(connector);
                if (config == null) {
                    throw new VerifyException("no connector " + connector);
                }
                return config;
            }
        };
    }

    private static final Map<String, String> MYSQL_SOURCE = Map.of(
            "connector.class", PipelineDiscovery.MYSQL_SOURCE, "database.hostname", "maria", "database.user", "cdc",
            "database.password", "cdc-secret", "topic.prefix", "app", "database.include.list", "shop",
            "table.include.list", "shop\\.(orders|customers)");

    private static Map<String, Map<String, String>> pipeline(Map<String, String> sink) {
        Map<String, Map<String, String>> configs = new LinkedHashMap<>();
        configs.put("app", MYSQL_SOURCE);
        configs.put("app-sink", sink);
        return configs;
    }

    private static final SourceTables TABLES = source -> List.of(new TableName("shop", "orders"),
            new TableName("shop", "customers"), new TableName("shop", "audit"), new TableName("other", "orders"));

    @Test
    void mySqlSourceAndASinkListingTopicsMakeOneJobPerCapturedTable() throws Exception {
        Map<String, String> sink = Map.of("connector.class", "io.sluice.jdbc.sink.JdbcSinkConnector",
                "connection.url", "jdbc:postgresql://pg:5432/warehouse", "connection.user", "sink",
                "connection.password", "sink-secret", "topics", "app.shop.orders, app.shop.customers",
                "table.name.format", "mirror.${source.table}");

        List<TableJob> jobs = new PipelineDiscovery(connectors(pipeline(sink)), TABLES, NONE).discover("app");

        assertThat(jobs).containsExactly(
                new TableJob(new DatabaseEndpoint("jdbc:mariadb://maria:3306/", "cdc", "cdc-secret"), new TableName("shop", "orders"),
                        new DatabaseEndpoint("jdbc:postgresql://pg:5432/warehouse", "sink", "sink-secret"), new TableName("mirror", "orders")),
                new TableJob(new DatabaseEndpoint("jdbc:mariadb://maria:3306/", "cdc", "cdc-secret"), new TableName("shop", "customers"),
                        new DatabaseEndpoint("jdbc:postgresql://pg:5432/warehouse", "sink", "sink-secret"), new TableName("mirror", "customers")));
    }

    @Test
    void topicRegexAndSchemaPlaceholder() throws Exception {
        Map<String, String> sink = Map.of("connector.class", "io.sluice.jdbc.sink.JdbcSinkConnector",
                "connection.url", "jdbc:postgresql://pg/warehouse", "topics.regex", "app\\.shop\\.o.*",
                "table.name.format", "${source.schema}.${source.table}_copy");

        List<TableJob> jobs = new PipelineDiscovery(connectors(pipeline(sink)), TABLES, NONE).discover("app");

        assertThat(jobs).extracting(TableJob::targetTable).containsExactly(new TableName("shop", "orders_copy"));
    }

    @Test
    void aTableNameFormatTheSinkWouldRefuseIsAnError() {
        Map<String, String> sink = Map.of("connector.class", "io.sluice.jdbc.sink.JdbcSinkConnector",
                "connection.url", "jdbc:postgresql://pg/warehouse", "topics", "app.shop.orders", "table.name.format", "${topic}");

        assertThatThrownBy(() -> new PipelineDiscovery(connectors(pipeline(sink)), TABLES, NONE).discover("app"))
                .isInstanceOf(VerifyException.class).hasMessageContaining("'app.shop.orders'").hasMessageContaining("more than one dot");
    }

    @Test
    void hiddenPasswordsComeFromTheCommandLineOrAreAnError() throws Exception {
        Map<String, String> sink = Map.of("connector.class", "io.sluice.jdbc.sink.JdbcSinkConnector",
                "connection.url", "jdbc:postgresql://pg/warehouse", "connection.password", "[hidden]", "topics", "app.shop.orders");

        assertThatThrownBy(() -> new PipelineDiscovery(connectors(pipeline(sink)), TABLES, NONE).discover("app"))
                .isInstanceOf(VerifyException.class)
                .hasMessageContaining("sink connector app-sink's connection.password is hidden by the worker ([hidden])")
                .hasMessageContaining("--target-password");

        List<TableJob> jobs = new PipelineDiscovery(connectors(pipeline(sink)), TABLES,
                new PipelineDiscovery.Credentials(null, null, "other", "given")).discover("app");
        assertThat(jobs.get(0).target()).isEqualTo(new DatabaseEndpoint("jdbc:postgresql://pg/warehouse", "other", "given"));
    }

    @Test
    void aSourceThatIsNotASluiceCdcConnectorIsAnError() {
        Map<String, Map<String, String>> configs = Map.of("files", Map.of("connector.class", "FileStreamSource"));

        assertThatThrownBy(() -> new PipelineDiscovery(connectors(configs), TABLES, NONE).discover("files"))
                .isInstanceOf(VerifyException.class).hasMessageContaining("not a Sluice CDC source");
    }

    @Test
    void noSinkForTheTopicsIsAnError() {
        Map<String, String> sink = Map.of("connector.class", "io.sluice.jdbc.sink.JdbcSinkConnector",
                "connection.url", "jdbc:postgresql://pg/warehouse", "topics", "elsewhere");

        assertThatThrownBy(() -> new PipelineDiscovery(connectors(pipeline(sink)), TABLES, NONE).discover("app"))
                .isInstanceOf(VerifyException.class).hasMessageContaining("no JDBC sink connector consumes");
    }
}
