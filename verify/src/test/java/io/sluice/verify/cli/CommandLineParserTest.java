package io.sluice.verify.cli;

import io.sluice.verify.db.TableName;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommandLineParserTest {

    private static CommandLineOptions parse(String... args) throws UsageException {
        return CommandLineParser.parse(args, Map.of());
    }

    @Test
    void tablesWithAndWithoutTargetNamesAndSchemas() throws Exception {
        CommandLineOptions options = parse("--source", "jdbc:postgresql://db/shop", "--target", "jdbc:mariadb://db/shop",
                "--table", "orders", "--table", "inventory.items:shop.inventory_items");

        assertThat(options.tables()).containsExactly(
                new TableSpec(new TableName(null, "orders"), new TableName(null, "orders")),
                new TableSpec(new TableName("inventory", "items"), new TableName("shop", "inventory_items")));
        assertThat(options.chunkSize()).isEqualTo(10_000);
        assertThat(options.show()).isEqualTo(20);
        assertThat(options.pipelineMode()).isFalse();
    }

    @Test
    void valuesAfterAnEqualsSign() throws Exception {
        CommandLineOptions options = parse("--source=jdbc:postgresql://db/shop?user=a&password=b", "--target=jdbc:mariadb://db/shop",
                "--table=orders", "--chunk-size=500", "--show=3", "--max-rows-per-second=1000", "--json");

        assertThat(options.sourceUrl()).isEqualTo("jdbc:postgresql://db/shop?user=a&password=b");
        assertThat(options.chunkSize()).isEqualTo(500);
        assertThat(options.show()).isEqualTo(3);
        assertThat(options.maxRowsPerSecond()).isEqualTo(1000);
        assertThat(options.json()).isTrue();
    }

    @Test
    void passwordsComeFromTheEnvironmentUnlessGiven() throws Exception {
        Map<String, String> environment = Map.of(CommandLineParser.SOURCE_PASSWORD_ENV, "from-env-1",
                CommandLineParser.TARGET_PASSWORD_ENV, "from-env-2");

        CommandLineOptions options = CommandLineParser.parse(new String[] {"--source", "jdbc:postgresql://db/a",
                "--target", "jdbc:postgresql://db/b", "--table", "t", "--target-password", "given"}, environment);

        assertThat(options.sourcePassword()).isEqualTo("from-env-1");
        assertThat(options.targetPassword()).isEqualTo("given");
    }

    @Test
    void pipelineModeWithDefaultConnectUrlAndWaiting() throws Exception {
        CommandLineOptions options = parse("--pipeline", "shop", "--wait-for-lag", "--timeout", "90");

        assertThat(options.pipelineMode()).isTrue();
        assertThat(options.connectUrl()).isEqualTo("http://127.0.0.1:8083");
        assertThat(options.waitForLag()).isTrue();
        assertThat(options.timeoutSeconds()).isEqualTo(90);
    }

    @Test
    void badCombinationsAndValuesAreRefused() {
        assertThatThrownBy(() -> parse("--source", "jdbc:postgresql://db/a", "--table", "t"))
                .isInstanceOf(UsageException.class).hasMessageContaining("--target");
        assertThatThrownBy(() -> parse("--pipeline", "p", "--table", "t"))
                .isInstanceOf(UsageException.class).hasMessageContaining("do not combine");
        assertThatThrownBy(() -> parse("--pipeline", "p", "--timeout", "5"))
                .isInstanceOf(UsageException.class).hasMessageContaining("--wait-for-lag");
        assertThatThrownBy(() -> parse("--pipeline", "p", "--chunk-size", "0"))
                .isInstanceOf(UsageException.class).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> parse("--pipeline", "p", "--show", "many"))
                .isInstanceOf(UsageException.class).hasMessageContaining("whole number");
        assertThatThrownBy(() -> parse("--pipeline", "p", "--colour"))
                .isInstanceOf(UsageException.class).hasMessageContaining("unknown option --colour");
        assertThatThrownBy(() -> parse("--pipeline"))
                .isInstanceOf(UsageException.class).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> parse("--pipeline", "p", "--json=yes"))
                .isInstanceOf(UsageException.class).hasMessageContaining("takes no value");
        assertThatThrownBy(() -> parse("--source", "s", "--target", "t", "--table", "a:b:c"))
                .isInstanceOf(UsageException.class).hasMessageContaining("SOURCE_NAME:TARGET_NAME");
    }
}
