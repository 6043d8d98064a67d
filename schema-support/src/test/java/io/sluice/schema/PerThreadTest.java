package io.sluice.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PerThreadTest {

    @Test
    void eachThreadKeepsItsOwnValue() throws Exception {
        AtomicInteger created = new AtomicInteger();
        PerThread<int[]> values = new PerThread<>(() -> new int[] {created.incrementAndGet()});

        int[] mine = values.get();
        assertThat(values.get()).isSameAs(mine);

        int[][] theirs = CompletableFuture.supplyAsync(() -> new int[][] {values.get(), values.get()}).get();
        assertThat(theirs[0]).isSameAs(theirs[1]).isNotSameAs(mine);
        assertThat(values.get()).isSameAs(mine);
        assertThat(created).hasValue(2);
    }
}
