package io.sluice.cdc.postgres.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.cdc.postgres.table.TableId;
import java.util.List;
import org.junit.jupiter.api.Test;

class SnapshotProgressTest {

    @Test
    void partsAreEncodedAsTheUrlEncoderEncodesThem() {
        for (String part : List.of("", "42", "abc-DEF_9.5*", "a b", "x+y", "ünï", "a/b%c", "t\n1", "\"q\"", "~")) {
            assertThat(SnapshotProgress.encodePart(part)).as(part)
                    .isEqualTo(java.net.URLEncoder.encode(part, java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    @Test
    void progressSurvivesEncodingWithAwkwardNamesAndKeys() {
        TableId done = new TableId("My Schema", "t\n1");
        TableId partial = new TableId("public", "Odd \"Table\"");
        SnapshotProgress progress = new SnapshotProgress();
        progress.rowEmitted(done, List.of("x"));
        progress.tableCompleted(done);
        progress.rowEmitted(partial, List.of("a b", "", "ü%+"));

        SnapshotProgress read = SnapshotProgress.decode(progress.current());
        assertThat(read.isDone(done)).isTrue();
        assertThat(read.lastKey(done)).isNull();
        assertThat(read.isDone(partial)).isFalse();
        assertThat(read.lastKey(partial)).containsExactly("a b", "", "ü%+");
        assertThat(SnapshotProgress.decode("").isDone(done)).isFalse();
    }
}
