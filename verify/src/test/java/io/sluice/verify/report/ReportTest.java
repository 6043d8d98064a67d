package io.sluice.verify.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.verify.compare.RowDifferences;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReportTest {

    private static TableResult different() {
        RowDifferences rows = RowDifferencesFixture.with(2);
        return new TableResult("public.orders", "shop.orders", List.of("id"), 100, 100, 3, 1, List.of(), List.of("__deleted"),
                rows, 20, 1500);
    }

    private static TableResult equal() {
        return new TableResult("public.items", "shop.items", List.of("sku", "size"), 5, 5, 1, 0, List.of(), List.of(),
                new RowDifferences(20), 0, 10);
    }

    private static String text(List<TableResult> results) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TextReport.write(results, 1, new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void textReportListsTheFirstKeysOfEachKindAndCountsTheRest() {
        String report = text(List.of(different(), equal()));

        assertThat(report).contains("public.orders -> shop.orders: DIFFERENT")
                .contains("rows: source 100, target 100; 3 chunks, 1 differing; key (id)")
                .contains("missing in target (3): id=1, id=2, ... (1 more)")
                .contains("extra in target (1): id=50")
                .contains("different (1): id=7 [total, note]")
                .contains("columns only in target (not compared): __deleted")
                .contains("public.items -> shop.items: equal")
                .endsWith("DIFFERENT: 1 of 2 tables differ" + System.lineSeparator());
    }

    @Test
    void jsonReportCarriesCountsAndKeysByColumn() {
        JsonNode document = JsonReport.document(List.of(different(), equal()), 2);

        assertThat(document.get("equal").asBoolean()).isFalse();
        assertThat(document.get("attempts").asInt()).isEqualTo(2);
        JsonNode orders = document.get("tables").get(0);
        assertThat(orders.get("missing").get("count").asLong()).isEqualTo(3);
        assertThat(orders.get("missing").get("keys").get(1).get("id").asText()).isEqualTo("2");
        assertThat(orders.get("different").get("rows").get(0).get("columns").get(0).asText()).isEqualTo("total");
        assertThat(document.get("tables").get(1).get("equal").asBoolean()).isTrue();
    }

    @Test
    void compositeKeysAreShownWithTheirColumnNames() {
        assertThat(KeyText.of(List.of("sku", "size"), List.of("A-1", "XL"))).isEqualTo("(sku=A-1, size=XL)");
        assertThat(KeyText.of(List.of("id"), List.of("42"))).isEqualTo("id=42");
    }
}
