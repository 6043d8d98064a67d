package io.sluice.cdc.postgres;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;

/**
 * Decides how far the replication slot may be confirmed: up to the end of the last transaction (or keepalive
 * position) whose records Kafka has all acknowledged. Records are numbered by the stream reader; acks may arrive
 * out of order from the producer's threads.
 */
public final class FlushTracker {

    private record FlushPoint(long lastSequence, long lsn) {
    }

    private final ArrayDeque<FlushPoint> points = new ArrayDeque<>();
    private final Set<Long> ackedAhead = new HashSet<>();
    private long nextSequence;
    private long lowestUnacked;
    private volatile long flushableLsn;

    public FlushTracker(long startLsn) {
        this.flushableLsn = startLsn;
    }

    /** Numbers the next record. Called by the stream reader only. */
    public synchronized long register() {
        return nextSequence++;
    }

    /**
     * Everything read so far is complete up to {@code lsn} (a commit's end or a keepalive position between
     * transactions): the slot may confirm it once every record registered so far is acknowledged.
     */
    public synchronized void reached(long lsn) {
        if (lowestUnacked == nextSequence) {
            points.clear();
            flushableLsn = Math.max(flushableLsn, lsn);
        } else {
            FlushPoint last = points.peekLast();
            if (last != null && last.lastSequence() == nextSequence - 1) {
                points.pollLast();
            }
            points.addLast(new FlushPoint(nextSequence - 1, lsn));
        }
    }

    /** Kafka has the record. */
    public synchronized void acknowledged(long sequence) {
        if (sequence != lowestUnacked) {
            ackedAhead.add(sequence);
            return;
        }
        lowestUnacked++;
        while (!ackedAhead.isEmpty() && ackedAhead.remove(lowestUnacked)) {
            lowestUnacked++;
        }
        while (!points.isEmpty() && points.peekFirst().lastSequence() < lowestUnacked) {
            flushableLsn = Math.max(flushableLsn, points.pollFirst().lsn());
        }
    }

    /** The LSN the slot may confirm now. */
    public long flushableLsn() {
        return flushableLsn;
    }

    public synchronized long unacknowledged() {
        return nextSequence - lowestUnacked;
    }
}
