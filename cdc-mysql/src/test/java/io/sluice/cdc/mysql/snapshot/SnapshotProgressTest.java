package io.sluice.cdc.mysql.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.cdc.mysql.schema.TableId;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SnapshotProgressTest {

    @Test
    void roundTripsFinishedTablesAndKeysWithAwkwardCharacters() {
        SnapshotProgress progress = new SnapshotProgress();
        TableId done = new TableId("shop", "orders");
        TableId odd = new TableId("we\tird", "ta\\ble\nname");
        progress.tableDone(done);
        progress.chunkDone(odd, Arrays.asList("a\tb", null, "+", "x\\y"));
        SnapshotProgress read = SnapshotProgress.parse(progress.encode());
        assertThat(read.isDone(done)).isTrue();
        assertThat(read.isDone(odd)).isFalse();
        assertThat(read.lastKey(odd)).containsExactly("a\tb", null, "+", "x\\y");
        assertThat(read.lastKey(new TableId("shop", "other"))).isNull();
        assertThat(SnapshotProgress.parse(null).isDone(done)).isFalse();
    }
}
