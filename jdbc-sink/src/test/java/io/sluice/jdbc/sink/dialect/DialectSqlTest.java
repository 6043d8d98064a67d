package io.sluice.jdbc.sink.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.jdbc.sink.record.Column;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Timestamp;
import org.junit.jupiter.api.Test;

/** The SQL each dialect writes, as strings. */
class DialectSqlTest {

    private static final TableName ORDERS = new TableName(null, "orders");
    private static final TableName SHOP_ORDERS = new TableName("shop", "orders");

    private final PostgresDialect postgres = new PostgresDialect();
    private final MySqlDialect mysqlOld = new MySqlDialect(false);
    private final MySqlDialect mysql8 = new MySqlDialect(true);
    private final MariaDbDialect mariadb = new MariaDbDialect();

    @Test
    void postgresUpsertUsesOnConflictWithExcluded() {
        assertThat(postgres.upsert(SHOP_ORDERS, List.of("id"), List.of("total", "note"))).isEqualTo(
                "INSERT INTO \"shop\".\"orders\" (\"id\",\"total\",\"note\") VALUES (?,?,?) "
                        + "ON CONFLICT (\"id\") DO UPDATE SET \"total\"=EXCLUDED.\"total\",\"note\"=EXCLUDED.\"note\"");
        assertThat(postgres.upsert(ORDERS, List.of("a", "b"), List.of())).isEqualTo(
                "INSERT INTO \"orders\" (\"a\",\"b\") VALUES (?,?) ON CONFLICT (\"a\",\"b\") DO NOTHING");
    }

    @Test
    void mariaDbUpsertUsesValues() {
        assertThat(mariadb.upsert(ORDERS, List.of("id"), List.of("total"))).isEqualTo(
                "INSERT INTO `orders` (`id`,`total`) VALUES (?,?) ON DUPLICATE KEY UPDATE `total`=VALUES(`total`)");
        assertThat(mysqlOld.upsert(ORDERS, List.of("id"), List.of("total"))).isEqualTo(
                "INSERT INTO `orders` (`id`,`total`) VALUES (?,?) ON DUPLICATE KEY UPDATE `total`=VALUES(`total`)");
    }

    @Test
    void mySql8UpsertUsesTheRowAlias() {
        assertThat(mysql8.upsert(SHOP_ORDERS, List.of("id"), List.of("total"))).isEqualTo(
                "INSERT INTO `shop`.`orders` (`id`,`total`) VALUES (?,?) AS sluice_new "
                        + "ON DUPLICATE KEY UPDATE `total`=sluice_new.`total`");
        assertThat(mysql8.upsert(ORDERS, List.of("id"), List.of())).isEqualTo(
                "INSERT INTO `orders` (`id`) VALUES (?) AS sluice_new ON DUPLICATE KEY UPDATE `id`=`id`");
    }

    @Test
    void updateAndDeleteMatchTheKey() {
        assertThat(postgres.update(ORDERS, List.of("id", "line"), List.of("qty"))).isEqualTo(
                "UPDATE \"orders\" SET \"qty\"=? WHERE \"id\"=? AND \"line\"=?");
        assertThat(postgres.delete(ORDERS, List.of("id"), 1)).isEqualTo("DELETE FROM \"orders\" WHERE \"id\"=?");
        assertThat(postgres.delete(ORDERS, List.of("id"), 3)).isEqualTo("DELETE FROM \"orders\" WHERE \"id\" IN (?,?,?)");
        assertThat(mariadb.delete(ORDERS, List.of("id", "line"), 2)).isEqualTo(
                "DELETE FROM `orders` WHERE (`id`,`line`) IN ((?,?),(?,?))");
    }

    @Test
    void truncateStaysInsideTheTransactionOnMySql() {
        assertThat(postgres.truncate(ORDERS)).isEqualTo("TRUNCATE TABLE \"orders\"");
        assertThat(mariadb.truncate(ORDERS)).isEqualTo("DELETE FROM `orders`");
    }

    @Test
    void embeddedQuotesAreDoubled() {
        assertThat(postgres.quote("x\"; DROP TABLE y; --")).isEqualTo("\"x\"\"; DROP TABLE y; --\"");
        assertThat(mariadb.quote("a`b")).isEqualTo("`a``b`");
        assertThat(postgres.quote("a`b")).isEqualTo("\"a`b\"");
        assertThat(mariadb.quote("a\"b")).isEqualTo("`a\"b`");
    }

    @Test
    void createTableDeclaresTypesNullabilityAndKey() {
        List<Column> columns = List.of(
                Column.of("id", Schema.INT64_SCHEMA, true),
                Column.of("code", Schema.STRING_SCHEMA, true),
                Column.of("total", Decimal.builder(2).parameter("connect.decimal.precision", "10").optional().build(), false),
                Column.of("at", Timestamp.builder().build(), false));
        assertThat(postgres.createTable(ORDERS, columns)).isEqualTo(
                "CREATE TABLE \"orders\" (\"id\" BIGINT NOT NULL, \"code\" TEXT NOT NULL, \"total\" NUMERIC(10,2) NULL, "
                        + "\"at\" TIMESTAMP(3) NOT NULL, PRIMARY KEY (\"id\",\"code\"))");
        assertThat(mariadb.createTable(ORDERS, columns)).isEqualTo(
                "CREATE TABLE `orders` (`id` BIGINT NOT NULL, `code` VARCHAR(255) NOT NULL, `total` DECIMAL(10,2) NULL, "
                        + "`at` DATETIME(3) NOT NULL, PRIMARY KEY (`id`,`code`))");
    }

    @Test
    void aMissingSchemaIsCreated() {
        assertThat(postgres.createSchema("sales")).isEqualTo("CREATE SCHEMA IF NOT EXISTS \"sales\"");
        assertThat(mariadb.createSchema("sales")).isEqualTo("CREATE DATABASE IF NOT EXISTS `sales`");
    }

    @Test
    void addColumnIsAlwaysNullable() {
        Column email = Column.of("email", Schema.OPTIONAL_STRING_SCHEMA, false);
        assertThat(postgres.addColumn(ORDERS, email)).isEqualTo("ALTER TABLE \"orders\" ADD COLUMN \"email\" TEXT NULL");
        assertThat(mariadb.addColumn(ORDERS, email)).isEqualTo("ALTER TABLE `orders` ADD COLUMN `email` LONGTEXT NULL");
    }

    @Test
    void semanticTypesMapToProperColumns() {
        assertThat(postgres.columnType(named(SchemaBuilder.int64(), "io.debezium.time.MicroTimestamp"))).isEqualTo("TIMESTAMP(6)");
        assertThat(postgres.columnType(named(SchemaBuilder.string(), "io.debezium.time.ZonedTimestamp"))).isEqualTo("TIMESTAMPTZ");
        assertThat(postgres.columnType(named(SchemaBuilder.string(), "io.debezium.data.Json"))).isEqualTo("JSONB");
        assertThat(postgres.columnType(named(SchemaBuilder.string(), "io.debezium.data.Uuid"))).isEqualTo("UUID");
        assertThat(postgres.columnType(named(SchemaBuilder.int64(), "io.debezium.time.MicroDuration"))).isEqualTo("INTERVAL");
        assertThat(postgres.columnType(named(SchemaBuilder.bytes().parameter("length", "12"), "io.debezium.data.Bits")))
                .isEqualTo("BIT VARYING(12)");
        assertThat(mariadb.columnType(named(SchemaBuilder.bytes().parameter("length", "12"), "io.debezium.data.Bits")))
                .isEqualTo("BIT(12)");
        assertThat(mariadb.columnType(named(SchemaBuilder.string().parameter("allowed", "a,b'c"), "io.debezium.data.Enum")))
                .isEqualTo("ENUM('a','b''c')");
        assertThat(mariadb.columnType(named(SchemaBuilder.string().parameter("allowed", "x,y"), "io.debezium.data.EnumSet")))
                .isEqualTo("SET('x','y')");
        assertThat(mariadb.columnType(named(SchemaBuilder.int32(), "io.debezium.time.Year"))).isEqualTo("YEAR");
        assertThat(mariadb.columnType(named(SchemaBuilder.string(), "io.debezium.time.ZonedTimestamp"))).isEqualTo("DATETIME(6)");
        assertThat(mariadb.columnType(named(SchemaBuilder.struct().field("scale", Schema.INT32_SCHEMA)
                .field("value", Schema.BYTES_SCHEMA), "io.debezium.data.VariableScaleDecimal"))).isEqualTo("DECIMAL(65,30)");
    }

    @Test
    void batchRewritingIsAddedUnlessTheUrlSetsIt() {
        Properties props = new Properties();
        postgres.addBatchRewriting("jdbc:postgresql://db/shop", props);
        assertThat(props).containsEntry("reWriteBatchedInserts", "true");
        Properties none = new Properties();
        postgres.addBatchRewriting("jdbc:postgresql://db/shop?reWriteBatchedInserts=false", none);
        assertThat(none).isEmpty();
        Properties maria = new Properties();
        mariadb.addBatchRewriting("jdbc:mariadb://db/shop", maria);
        assertThat(maria).containsEntry("rewriteBatchedStatements", "true");
    }

    @Test
    void limitsFollowTheDatabase() {
        assertThat(postgres.maxIdentifierLength()).isEqualTo(63);
        assertThat(postgres.identifierLength("é")).isEqualTo(2);
        assertThat(mariadb.maxIdentifierLength()).isEqualTo(64);
        assertThat(mariadb.identifierLength("é")).isEqualTo(1);
        assertThat(postgres.maxBindParameters()).isEqualTo(32767);
        assertThat(mariadb.maxBindParameters()).isEqualTo(65535);
    }

    @Test
    void theDialectComesFromTheUrlThenTheServer() {
        assertThat(Dialects.forUrl("", "jdbc:postgresql://db/x")).isInstanceOf(PostgresDialect.class);
        assertThat(Dialects.forUrl("", "jdbc:mariadb://db/x")).isInstanceOf(MariaDbDialect.class);
        assertThat(Dialects.forUrl("", "jdbc:mysql://db/x").name()).isEqualTo("mysql");
        assertThat(Dialects.forUrl("mariadb", "jdbc:mysql://db/x")).isInstanceOf(MariaDbDialect.class);
        assertThat(Dialects.supportsRowAlias("8.0.19")).isTrue();
        assertThat(Dialects.supportsRowAlias("8.0.18-log")).isFalse();
        assertThat(Dialects.supportsRowAlias("8.4.3")).isTrue();
        assertThat(Dialects.supportsRowAlias("5.7.44")).isFalse();
        assertThat(Dialects.isMariaDb("MySQL", "5.5.5-10.11.19-MariaDB-0+deb12u1-log")).isTrue();
    }

    private static Column named(SchemaBuilder builder, String name) {
        return Column.of("c", builder.name(name).optional().build(), false);
    }
}
