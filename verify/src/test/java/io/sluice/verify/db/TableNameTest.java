package io.sluice.verify.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.verify.cli.TableSpec;
import org.junit.jupiter.api.Test;

class TableNameTest {

    @Test
    void plainAndQualifiedNames() {
        assertThat(TableName.parse("orders")).isEqualTo(new TableName(null, "orders"));
        assertThat(TableName.parse("public.orders")).isEqualTo(new TableName("public", "orders"));
    }

    @Test
    void quotedPartsMayHoldDotsColonsAndQuotes() throws Exception {
        assertThat(TableName.parse("public.\"Order \"\"Lines\"\".v2 Select\""))
                .isEqualTo(new TableName("public", "Order \"Lines\".v2 Select"));
        assertThat(TableName.parse("`my db`.`a``b.c`")).isEqualTo(new TableName("my db", "a`b.c"));
        TableSpec spec = TableSpec.parse("public.\"a:b.c\":shop.`a:b.c`");
        assertThat(spec.source()).isEqualTo(new TableName("public", "a:b.c"));
        assertThat(spec.target()).isEqualTo(new TableName("shop", "a:b.c"));
    }

    @Test
    void badNamesSayWhatToWrite() {
        assertThatThrownBy(() -> TableName.parse("a.b.c")).hasMessageContaining("quote a part that holds a dot");
        assertThatThrownBy(() -> TableName.parse("public.\"open")).hasMessageContaining("unterminated");
        assertThatThrownBy(() -> TableName.parse(".t")).hasMessageContaining("expected table or schema.table");
    }
}
