package io.sluice.verify.compare;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RowDifferencesTest {

    @Test
    void keepsTheLowestKeysOfEachKindAndCountsThemAll() {
        RowDifferences rows = new RowDifferences(3);
        for (String key : List.of("100", "9", "42", "7", "1000", "8")) {
            rows.extra(List.of(key));
        }
        rows.different(List.of("b", "2"), List.of("x"));
        rows.different(List.of("a", "10"), List.of("y"));
        rows.different(List.of("a", "9"), List.of("z"));

        assertThat(rows.extra()).isEqualTo(6);
        assertThat(rows.extraKeys()).containsExactly(List.of("7"), List.of("8"), List.of("9"));
        assertThat(rows.differentRows()).extracting(RowDifferences.DifferentRow::key)
                .containsExactly(List.of("a", "9"), List.of("a", "10"), List.of("b", "2"));
        assertThat(rows.missing()).isZero();
        assertThat(rows.none()).isFalse();
        assertThat(new RowDifferences(0).none()).isTrue();
    }
}
