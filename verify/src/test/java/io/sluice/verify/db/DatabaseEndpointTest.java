package io.sluice.verify.db;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseEndpointTest {

    @Test
    void passwordsInUrlsAreMasked() {
        assertThat(DatabaseEndpoint.maskUrl("jdbc:postgresql://db:5432/shop?user=u&password=s3cret&ssl=true"))
                .isEqualTo("jdbc:postgresql://db:5432/shop?user=u&password=***&ssl=true");
        assertThat(DatabaseEndpoint.maskUrl("jdbc:mariadb://u:s3cret@db:3306/shop"))
                .isEqualTo("jdbc:mariadb://u:***@db:3306/shop");
        assertThat(new DatabaseEndpoint("jdbc:mariadb://db/shop?Password=x", "u", "hunter2").toString())
                .doesNotContain("hunter2").doesNotContain("=x").contains("as u");
    }

    @Test
    void tableNamesSplitAtTheLastDot() {
        assertThat(TableName.parse("orders")).isEqualTo(new TableName(null, "orders"));
        assertThat(TableName.parse("shop.orders")).isEqualTo(new TableName("shop", "orders"));
        assertThat(TableName.parse("orders").inSchema("public").toString()).isEqualTo("public.orders");
    }
}
