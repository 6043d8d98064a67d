package io.sluice.cdc.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SourceOffsetsTest {

    @Test
    void aStoredPositionCoversEarlierTransactionsAndEarlierRecordsOfItsOwn() {
        SourceOffsets.Position position = SourceOffsets.read(SourceOffsets.stream(1000, 3, 1, 7, 0));
        assertThat(position.covers(999, 50, 0)).isTrue();
        assertThat(position.covers(1000, 2, 5)).isTrue();
        assertThat(position.covers(1000, 3, 1)).isTrue();
        assertThat(position.covers(1000, 3, 2)).isFalse();
        assertThat(position.covers(1000, 4, 0)).isFalse();
        assertThat(position.covers(1001, 0, 0)).isFalse();
    }

    @Test
    void aHeartbeatOrSnapshotEndCoversOnlyEarlierCommits() {
        SourceOffsets.Position position = SourceOffsets.read(SourceOffsets.stream(1000, -1, 0, 0, 0));
        assertThat(position.covers(999, 1, 0)).isTrue();
        assertThat(position.covers(1000, 0, 0)).isFalse();
    }

    @Test
    void snapshotOffsetsAreRecognised() {
        SourceOffsets.Position position = SourceOffsets.read(SourceOffsets.snapshot(500, "p"));
        assertThat(position.snapshotInProgress()).isTrue();
        assertThat(position.snapshotLsn()).isEqualTo(500);
        assertThat(position.snapshotProgress()).isEqualTo("p");
        assertThat(SourceOffsets.read(null)).isNull();
    }
}
