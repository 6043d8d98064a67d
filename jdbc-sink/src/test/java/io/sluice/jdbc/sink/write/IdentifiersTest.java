package io.sluice.jdbc.sink.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.jdbc.sink.dialect.MariaDbDialect;
import io.sluice.jdbc.sink.dialect.TableName;
import io.sluice.jdbc.sink.record.TableNameFormat;
import org.junit.jupiter.api.Test;

/** Source names that hold dots or quotes stay one name from table.name.format to the table. */
class IdentifiersTest {

    private final Identifiers identifiers = new Identifiers(new MariaDbDialect(), true);

    @Test
    void aSourceTableWithDotsAndQuotesIsOneTable() {
        String resolved = new TableNameFormat("${source.table}").resolve("p.public.x", "public", "Order \"Lines\".v2 Select");
        assertThat(identifiers.table(resolved)).isEqualTo(new TableName(null, "Order \"Lines\".v2 Select"));
        String qualified = new TableNameFormat("${source.schema}.${source.table}").resolve("p.s.t", "my.schema", "a.b");
        assertThat(identifiers.table(qualified)).isEqualTo(new TableName("my.schema", "a.b"));
    }

    @Test
    void plainNamesAndTheirLimits() {
        assertThat(identifiers.table(new TableNameFormat("${source.table}").resolve("p.s.orders", "s", "orders")))
                .isEqualTo(new TableName(null, "orders"));
        assertThat(identifiers.table("shop.orders")).isEqualTo(new TableName("shop", "orders"));
        assertThatThrownBy(() -> identifiers.table(new TableNameFormat("${topic}").resolve("p.s.orders", null, null)))
                .hasMessageContaining("more than one dot");
    }
}
