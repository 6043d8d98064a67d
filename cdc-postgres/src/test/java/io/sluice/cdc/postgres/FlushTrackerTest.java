package io.sluice.cdc.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FlushTrackerTest {

    @Test
    void aCommitIsFlushableOnlyOnceAllItsRecordsAreAcknowledged() {
        FlushTracker tracker = new FlushTracker(100);
        long a = tracker.register();
        long b = tracker.register();
        tracker.reached(200);
        long c = tracker.register();
        tracker.reached(300);

        tracker.acknowledged(b);
        assertThat(tracker.flushableLsn()).isEqualTo(100);
        tracker.acknowledged(a);
        assertThat(tracker.flushableLsn()).isEqualTo(200);
        tracker.acknowledged(c);
        assertThat(tracker.flushableLsn()).isEqualTo(300);
        assertThat(tracker.unacknowledged()).isZero();
    }

    @Test
    void positionsReachedWithNothingPendingAreFlushableAtOnce() {
        FlushTracker tracker = new FlushTracker(0);
        tracker.reached(50);
        assertThat(tracker.flushableLsn()).isEqualTo(50);
        tracker.reached(40);
        assertThat(tracker.flushableLsn()).isEqualTo(50);
    }
}
