package io.sluice.cdc.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.cdc.postgres.Capture.Plan;
import io.sluice.cdc.postgres.config.SnapshotConfig.SnapshotMode;
import org.junit.jupiter.api.Test;

class CapturePlanTest {

    private static final SourceOffsets.Position STREAMING = SourceOffsets.read(SourceOffsets.stream(10, 1, 0, 1, 0));
    private static final SourceOffsets.Position SNAPSHOTTING = SourceOffsets.read(SourceOffsets.snapshot(10, ""));

    @Test
    void plansFollowTheSnapshotModeTheOffsetAndTheSlot() {
        assertThat(Capture.choosePlan(SnapshotMode.INITIAL, null, false)).isEqualTo(Plan.NEW_SNAPSHOT);
        assertThat(Capture.choosePlan(SnapshotMode.INITIAL, STREAMING, true)).isEqualTo(Plan.STREAM);
        assertThat(Capture.choosePlan(SnapshotMode.INITIAL, SNAPSHOTTING, true)).isEqualTo(Plan.RESUME_SNAPSHOT);
        assertThat(Capture.choosePlan(SnapshotMode.INITIAL, SNAPSHOTTING, false)).isEqualTo(Plan.NEW_SNAPSHOT);
        assertThat(Capture.choosePlan(SnapshotMode.INITIAL_ONLY, null, true)).isEqualTo(Plan.NEW_SNAPSHOT);
        assertThat(Capture.choosePlan(SnapshotMode.ALWAYS, STREAMING, true)).isEqualTo(Plan.NEW_SNAPSHOT);
        assertThat(Capture.choosePlan(SnapshotMode.NEVER, null, false)).isEqualTo(Plan.STREAM);
        assertThat(Capture.choosePlan(SnapshotMode.NO_DATA, null, true)).isEqualTo(Plan.STREAM);
        assertThat(Capture.choosePlan(SnapshotMode.WHEN_NEEDED, STREAMING, false)).isEqualTo(Plan.NEW_SNAPSHOT);
        assertThat(Capture.choosePlan(SnapshotMode.WHEN_NEEDED, STREAMING, true)).isEqualTo(Plan.STREAM);
    }
}
