package io.sluice.cdc.postgres.stream.pgoutput;

import java.util.List;

/**
 * The messages of PostgreSQL's {@code pgoutput} logical replication protocol (versions 1 and 2) that the connector
 * uses.
 * LSNs are raw 64-bit positions; timestamps are microseconds since 2000-01-01 UTC, as the server sends them.
 */
public sealed interface PgOutputMessage {

    /** Start of a transaction; {@code finalLsn} is the LSN of its commit record. */
    record Begin(long finalLsn, long commitTimeMicros, int xid) implements PgOutputMessage {
    }

    /** End of a transaction; {@code endLsn} is the position after the commit record (what a slot confirms). */
    record Commit(int flags, long commitLsn, long endLsn, long commitTimeMicros) implements PgOutputMessage {
    }

    /** Origin of a transaction replayed from another node. */
    record Origin(long commitLsn, String name) implements PgOutputMessage {
    }

    /** A column as described by a Relation message. */
    record RelationColumn(String name, int typeOid, int typeModifier, boolean partOfIdentity) {
    }

    /**
     * Describes a table before its first change in a session, and again after its definition changed.
     * {@code replicaIdentity} is 'd' (default), 'n' (nothing), 'f' (full) or 'i' (index).
     */
    record Relation(int relationId, String schema, String table, char replicaIdentity, List<RelationColumn> columns)
            implements PgOutputMessage {
    }

    /** Names a non-built-in type used by a following Relation. */
    record TypeInfo(int typeOid, String schema, String name) implements PgOutputMessage {
    }

    record Insert(int relationId, TupleData newTuple) implements PgOutputMessage {
    }

    /**
     * An UPDATE. {@code oldTuple} is null when the server sent no old values (the identity did not change and
     * REPLICA IDENTITY is not FULL); {@code oldIsKeyOnly} tells whether it holds only the identity columns.
     */
    record Update(int relationId, TupleData oldTuple, boolean oldIsKeyOnly, TupleData newTuple) implements PgOutputMessage {
    }

    record Delete(int relationId, TupleData oldTuple, boolean oldIsKeyOnly) implements PgOutputMessage {
    }

    record Truncate(int[] relationIds, boolean cascade, boolean restartIdentity) implements PgOutputMessage {
    }

    /** A message written with pg_logical_emit_message (sent only when requested). */
    record LogicalMessage(boolean transactional, long lsn, String prefix, byte[] content) implements PgOutputMessage {
    }

    /**
     * Protocol 2: the server sends part of a large transaction before it commits. The messages up to the next
     * {@link StreamStop} belong to transaction {@code xid}; {@code firstSegment} marks its first block.
     */
    record StreamStart(int xid, boolean firstSegment) implements PgOutputMessage {
    }

    /** Protocol 2: end of a block of a streamed transaction. */
    record StreamStop() implements PgOutputMessage {
    }

    /** Protocol 2: the streamed transaction {@code xid} committed; the fields mean what they mean in {@link Commit}. */
    record StreamCommit(int xid, int flags, long commitLsn, long endLsn, long commitTimeMicros) implements PgOutputMessage {
    }

    /**
     * Protocol 2: the streamed transaction {@code xid} rolled back ({@code subXid == xid}), or only its
     * subtransaction {@code subXid} did (ROLLBACK TO SAVEPOINT).
     */
    record StreamAbort(int xid, int subXid) implements PgOutputMessage {
    }
}
