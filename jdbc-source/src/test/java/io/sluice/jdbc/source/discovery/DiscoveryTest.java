package io.sluice.jdbc.source.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DiscoveryTest {

    private static TableId table(String name) {
        return new TableId(null, "public", name);
    }

    @Test
    void tablesAreDealtRoundRobinOverTasks() {
        List<TableId> tables = List.of(table("e"), table("a"), table("d"), table("b"), table("c"));
        assertThat(TaskAssignment.split(tables, 2)).containsExactly(
                List.of(table("a"), table("c"), table("e")), List.of(table("b"), table("d")));
        assertThat(TaskAssignment.split(tables, 10)).hasSize(5);
        assertThat(TaskAssignment.split(List.of(), 3)).isEmpty();
    }

    @Test
    void tableIdsSurviveTheTaskConfigWhateverTheirNames() {
        List<TableId> tables = List.of(new TableId("cat", null, "a,b.c"), new TableId(null, "s-1", "-"),
                new TableId(null, "sch%20", "ünï code"));
        assertThat(TableId.decodeAll(TableId.encodeAll(tables))).isEqualTo(tables);
        assertThat(TableId.decodeAll("")).isEmpty();
    }

    @Test
    void listEntriesMatchPlainOrQualifiedNames() {
        TableId pg = new TableId(null, "public", "orders");
        TableId my = new TableId("shop", null, "orders");
        assertThat(pg.matches("orders")).isTrue();
        assertThat(pg.matches("public.orders")).isTrue();
        assertThat(pg.matches("other.orders")).isFalse();
        assertThat(my.matches("shop.orders")).isTrue();
        assertThat(my.matches("order")).isFalse();
    }

    @Test
    void filterIncludesOrExcludes() {
        TableFilter include = new TableFilter(List.of("a", "public.b"), List.of());
        assertThat(include.accepts(table("a"))).isTrue();
        assertThat(include.accepts(table("b"))).isTrue();
        assertThat(include.accepts(table("c"))).isFalse();
        TableFilter exclude = new TableFilter(List.of(), List.of("c"));
        assertThat(exclude.accepts(table("a"))).isTrue();
        assertThat(exclude.accepts(table("c"))).isFalse();
    }
}
