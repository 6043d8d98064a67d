package io.sluice.jdbc.source.dialect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.jdbc.source.discovery.TableId;
import java.time.ZoneId;
import java.util.Properties;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class DialectTest {

    @Test
    void isChosenFromTheUrlOrTheName() {
        assertThat(Dialects.choose("", "jdbc:postgresql://h/db", true)).isInstanceOf(PostgresDialect.class);
        assertThat(Dialects.choose("", "jdbc:mariadb://h/db", true)).isInstanceOf(MySqlDialect.class);
        assertThat(Dialects.choose(null, "jdbc:mysql://h/db", true)).isInstanceOf(MySqlDialect.class);
        assertThat(Dialects.choose("", "jdbc:h2:mem:x", true).name()).isEqualTo("generic");
        assertThat(Dialects.choose("PostgreSqlDatabaseDialect", "jdbc:x:y", true))
                .isInstanceOf(PostgresDialect.class);
        assertThat(Dialects.choose("MySqlDatabaseDialect", "jdbc:x:y", true)).isInstanceOf(MySqlDialect.class);
    }

    @Test
    void quotesAndEscapesIdentifiers() {
        assertThat(new PostgresDialect(true).quote("we\"ird")).isEqualTo("\"we\"\"ird\"");
        assertThat(new MySqlDialect(true).quote("we`ird")).isEqualTo("`we``ird`");
        assertThat(new PostgresDialect(true).quote(new TableId(null, "s", "t"))).isEqualTo("\"s\".\"t\"");
        assertThat(new MySqlDialect(true).quote(new TableId("db", null, "t"))).isEqualTo("`db`.`t`");
    }

    @Test
    void bareIdentifiersMustBePlainNames() {
        Dialect bare = new PostgresDialect(false);
        assertThat(bare.quote("Orders_1")).isEqualTo("Orders_1");
        assertThatThrownBy(() -> bare.quote("x; DROP TABLE y")).isInstanceOf(ConfigException.class);
    }

    @Test
    void readsTheClockWithMicroseconds() {
        assertThat(new PostgresDialect(true).currentTimestampQuery()).isEqualTo("SELECT CURRENT_TIMESTAMP");
        assertThat(new MySqlDialect(true).currentTimestampQuery()).isEqualTo("SELECT NOW(6)");
    }

    @Test
    void setsMySqlSessionZonesAsOffsetsWhenFixed() {
        assertThat(MySqlDialect.sessionZone(ZoneId.of("UTC"))).isEqualTo("+00:00");
        assertThat(MySqlDialect.sessionZone(ZoneId.of("+02:00"))).isEqualTo("+02:00");
        assertThat(MySqlDialect.sessionZone(ZoneId.of("Europe/Berlin"))).isEqualTo("Europe/Berlin");
    }

    @Test
    void escapesLikeWildcardsInMetadataSearches() {
        assertThat(Dialect.escapePattern("my_table%", "\\")).isEqualTo("my\\_table\\%");
        assertThat(Dialect.escapePattern(null, "\\")).isNull();
    }

    @Test
    void mariadbConnectionsReadTheBinaryProtocolUnlessTheUrlSaysOtherwise() {
        MySqlDialect dialect = new MySqlDialect(true);
        Properties mariadb = new Properties();
        dialect.addDriverProperties("jdbc:mariadb://h:3306/db", mariadb);
        assertThat(mariadb).containsEntry("useServerPrepStmts", "true");

        Properties userChoice = new Properties();
        dialect.addDriverProperties("jdbc:mariadb://h/db?useServerPrepStmts=false", userChoice);
        assertThat(userChoice).isEmpty();

        // MySQL's Connector/J would buffer a server-prepared result: its URLs are left alone.
        Properties mysql = new Properties();
        dialect.addDriverProperties("jdbc:mysql://h/db", mysql);
        assertThat(mysql).isEmpty();

        Properties postgres = new Properties();
        new PostgresDialect(true).addDriverProperties("jdbc:postgresql://h/db", postgres);
        assertThat(postgres).isEmpty();
    }
}
