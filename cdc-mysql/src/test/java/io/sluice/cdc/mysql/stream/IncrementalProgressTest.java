package io.sluice.cdc.mysql.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.cdc.mysql.schema.TableId;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class IncrementalProgressTest {

    @Test
    void roundTripsTheTablesLeftAndTheLastKeyOfTheCurrentOne() {
        IncrementalProgress progress = new IncrementalProgress(
                List.of(new TableId("shop", "order\titems"), new TableId("shop", "back\\slash")),
                Arrays.asList("42", null, "a\nb"));
        IncrementalProgress read = IncrementalProgress.parse(progress.encode());
        assertThat(read).isEqualTo(progress);
        assertThat(read.lastKey()).containsExactly("42", null, "a\nb");
    }

    @Test
    void aTableNotStartedYetHasNoKeyAndNothingLeftIsStoredAsNothing() {
        IncrementalProgress fresh = new IncrementalProgress(List.of(new TableId("shop", "orders")), null);
        assertThat(IncrementalProgress.parse(fresh.encode()).lastKey()).isNull();
        assertThat(new IncrementalProgress(List.of(), null).encode()).isNull();
        assertThat(IncrementalProgress.parse(null).isEmpty()).isTrue();
    }
}
