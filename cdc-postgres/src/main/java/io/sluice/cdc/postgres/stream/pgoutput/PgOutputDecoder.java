package io.sluice.cdc.postgres.stream.pgoutput;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes pgoutput messages (protocol versions 1 and 2) from the payload of XLogData frames.
 * Stateless: the relation cache lives with the caller. Text values are decoded as UTF-8 (the connection's
 * client encoding, which PgJDBC always sets to UTF8).
 *
 * <p>Inside a streamed block (between Stream Start and Stream Stop) protocol 2 puts the transaction id after
 * the type byte of every message; {@link StreamedTransactions} strips it before the message is decoded here.
 */
public final class PgOutputDecoder {

    /** A message the decoder does not understand; the stream cannot continue safely past it. */
    public static final class UnknownMessageException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        UnknownMessageException(String message) {
            super(message);
        }
    }

    /** Whether the message at the buffer's position is a Stream Stop, which ends a streamed block. */
    public static boolean isStreamStop(ByteBuffer buffer) {
        return buffer.get(buffer.position()) == 'E';
    }

    public PgOutputMessage decode(ByteBuffer buffer) {
        byte type = buffer.get();
        switch (type) {
            case 'B':
                return new PgOutputMessage.Begin(buffer.getLong(), buffer.getLong(), buffer.getInt());
            case 'C':
                return new PgOutputMessage.Commit(buffer.get(), buffer.getLong(), buffer.getLong(), buffer.getLong());
            case 'O':
                return new PgOutputMessage.Origin(buffer.getLong(), readCString(buffer));
            case 'R':
                return decodeRelation(buffer);
            case 'Y':
                return new PgOutputMessage.TypeInfo(buffer.getInt(), readCString(buffer), readCString(buffer));
            case 'I':
                return decodeInsert(buffer);
            case 'U':
                return decodeUpdate(buffer);
            case 'D':
                return decodeDelete(buffer);
            case 'T':
                return decodeTruncate(buffer);
            case 'M':
                return decodeLogicalMessage(buffer);
            case 'S':
                return new PgOutputMessage.StreamStart(buffer.getInt(), buffer.get() == 1);
            case 'E':
                return new PgOutputMessage.StreamStop();
            case 'c':
                return new PgOutputMessage.StreamCommit(buffer.getInt(), buffer.get(), buffer.getLong(), buffer.getLong(),
                        buffer.getLong());
            case 'A':
                return new PgOutputMessage.StreamAbort(buffer.getInt(), buffer.getInt());
            default:
                throw new UnknownMessageException("Unknown pgoutput message type '" + (char) type + "' (" + type + ")");
        }
    }

    private static PgOutputMessage.Relation decodeRelation(ByteBuffer buffer) {
        int relationId = buffer.getInt();
        String schema = readCString(buffer);
        String table = readCString(buffer);
        char replicaIdentity = (char) buffer.get();
        int count = buffer.getShort() & 0xFFFF;
        List<PgOutputMessage.RelationColumn> columns = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            boolean key = (buffer.get() & 1) != 0;
            String name = readCString(buffer);
            int typeOid = buffer.getInt();
            int typmod = buffer.getInt();
            columns.add(new PgOutputMessage.RelationColumn(name, typeOid, typmod, key));
        }
        return new PgOutputMessage.Relation(relationId, schema, table, replicaIdentity, List.copyOf(columns));
    }

    private static PgOutputMessage.Insert decodeInsert(ByteBuffer buffer) {
        int relationId = buffer.getInt();
        expect(buffer.get(), 'N', "INSERT");
        return new PgOutputMessage.Insert(relationId, readTuple(buffer));
    }

    private static PgOutputMessage.Update decodeUpdate(ByteBuffer buffer) {
        int relationId = buffer.getInt();
        byte marker = buffer.get();
        TupleData old = null;
        boolean keyOnly = false;
        if (marker == 'K' || marker == 'O') {
            keyOnly = marker == 'K';
            old = readTuple(buffer);
            marker = buffer.get();
        }
        expect(marker, 'N', "UPDATE");
        return new PgOutputMessage.Update(relationId, old, keyOnly, readTuple(buffer));
    }

    private static PgOutputMessage.Delete decodeDelete(ByteBuffer buffer) {
        int relationId = buffer.getInt();
        byte marker = buffer.get();
        if (marker != 'K' && marker != 'O') {
            throw new UnknownMessageException("DELETE: expected 'K' or 'O' but got '" + (char) marker + "'");
        }
        return new PgOutputMessage.Delete(relationId, readTuple(buffer), marker == 'K');
    }

    private static PgOutputMessage.Truncate decodeTruncate(ByteBuffer buffer) {
        int count = buffer.getInt();
        int options = buffer.get();
        int[] ids = new int[count];
        for (int i = 0; i < count; i++) {
            ids[i] = buffer.getInt();
        }
        return new PgOutputMessage.Truncate(ids, (options & 1) != 0, (options & 2) != 0);
    }

    private static PgOutputMessage.LogicalMessage decodeLogicalMessage(ByteBuffer buffer) {
        boolean transactional = (buffer.get() & 1) != 0;
        long lsn = buffer.getLong();
        String prefix = readCString(buffer);
        byte[] content = new byte[buffer.getInt()];
        buffer.get(content);
        return new PgOutputMessage.LogicalMessage(transactional, lsn, prefix, content);
    }

    private static TupleData readTuple(ByteBuffer buffer) {
        int count = buffer.getShort() & 0xFFFF;
        byte[] kinds = new byte[count];
        String[] values = new String[count];
        for (int i = 0; i < count; i++) {
            byte kind = buffer.get();
            kinds[i] = kind;
            switch (kind) {
                case TupleData.NULL:
                case TupleData.UNCHANGED_TOAST:
                    break;
                case TupleData.TEXT:
                    int length = buffer.getInt();
                    values[i] = readUtf8(buffer, length);
                    break;
                default:
                    throw new UnknownMessageException("Unknown tuple column kind '" + (char) kind
                            + "' (binary mode is not supported)");
            }
        }
        return new TupleData(kinds, values);
    }

    private static String readUtf8(ByteBuffer buffer, int length) {
        String value;
        if (buffer.hasArray()) {
            value = new String(buffer.array(), buffer.arrayOffset() + buffer.position(), length, StandardCharsets.UTF_8);
            buffer.position(buffer.position() + length);
        } else {
            byte[] bytes = new byte[length];
            buffer.get(bytes);
            value = new String(bytes, StandardCharsets.UTF_8);
        }
        return value;
    }

    private static String readCString(ByteBuffer buffer) {
        int start = buffer.position();
        int end = start;
        while (buffer.get(end) != 0) {
            end++;
        }
        String value = readUtf8(buffer, end - start);
        buffer.get(); // the terminating zero
        return value;
    }

    private static void expect(byte actual, char expected, String what) {
        if (actual != expected) {
            throw new UnknownMessageException(what + ": expected '" + expected + "' but got '" + (char) actual + "'");
        }
    }
}
