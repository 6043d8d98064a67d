package io.sluice.cdc.postgres.stream.pgoutput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PgOutputDecoderTest {

    private final PgOutputDecoder decoder = new PgOutputDecoder();

    /** Writes protocol messages the way the server does (big-endian, zero-terminated strings). */
    static final class Message {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final DataOutputStream out = new DataOutputStream(bytes);

        Message(char type) throws IOException {
            out.writeByte(type);
        }

        Message b(int v) throws IOException {
            out.writeByte(v);
            return this;
        }

        Message i16(int v) throws IOException {
            out.writeShort(v);
            return this;
        }

        Message i32(int v) throws IOException {
            out.writeInt(v);
            return this;
        }

        Message i64(long v) throws IOException {
            out.writeLong(v);
            return this;
        }

        Message str(String s) throws IOException {
            out.write(s.getBytes(StandardCharsets.UTF_8));
            out.writeByte(0);
            return this;
        }

        Message text(String s) throws IOException {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            out.writeByte('t');
            out.writeInt(b.length);
            out.write(b);
            return this;
        }

        ByteBuffer buffer() {
            return ByteBuffer.wrap(bytes.toByteArray());
        }
    }

    @Test
    void beginAndCommit() throws IOException {
        PgOutputMessage.Begin begin = (PgOutputMessage.Begin) decoder.decode(
                new Message('B').i64(0x1_0000_0010L).i64(123_456L).i32(-5).buffer());
        assertThat(begin.finalLsn()).isEqualTo(0x1_0000_0010L);
        assertThat(begin.commitTimeMicros()).isEqualTo(123_456L);
        assertThat(Integer.toUnsignedLong(begin.xid())).isEqualTo(4_294_967_291L);

        PgOutputMessage.Commit commit = (PgOutputMessage.Commit) decoder.decode(
                new Message('C').b(0).i64(100).i64(180).i64(777).buffer());
        assertThat(commit.commitLsn()).isEqualTo(100);
        assertThat(commit.endLsn()).isEqualTo(180);
        assertThat(commit.commitTimeMicros()).isEqualTo(777);
    }

    @Test
    void relationWithQuotedNamesAndKeyFlags() throws IOException {
        PgOutputMessage.Relation relation = (PgOutputMessage.Relation) decoder.decode(new Message('R')
                .i32(16384).str("My Schema").str("Odd \"Table\"").b('f').i16(2)
                .b(1).str("id").i32(23).i32(-1)
                .b(0).str("naïve").i32(1043).i32(24)
                .buffer());
        assertThat(relation.relationId()).isEqualTo(16384);
        assertThat(relation.schema()).isEqualTo("My Schema");
        assertThat(relation.table()).isEqualTo("Odd \"Table\"");
        assertThat(relation.replicaIdentity()).isEqualTo('f');
        assertThat(relation.columns()).containsExactly(
                new PgOutputMessage.RelationColumn("id", 23, -1, true),
                new PgOutputMessage.RelationColumn("naïve", 1043, 24, false));
    }

    @Test
    void insertWithTextNullAndUnchangedToast() throws IOException {
        PgOutputMessage.Insert insert = (PgOutputMessage.Insert) decoder.decode(new Message('I')
                .i32(7).b('N').i16(3).text("42").b('n').b('u').buffer());
        TupleData row = insert.newTuple();
        assertThat(insert.relationId()).isEqualTo(7);
        assertThat(row.size()).isEqualTo(3);
        assertThat(row.text(0)).isEqualTo("42");
        assertThat(row.kind(1)).isEqualTo(TupleData.NULL);
        assertThat(row.text(1)).isNull();
        assertThat(row.isUnchangedToast(2)).isTrue();
    }

    @Test
    void updateWithoutOldWithKeyAndWithFullOldRow() throws IOException {
        PgOutputMessage.Update plain = (PgOutputMessage.Update) decoder.decode(new Message('U')
                .i32(7).b('N').i16(1).text("b").buffer());
        assertThat(plain.oldTuple()).isNull();
        assertThat(plain.newTuple().text(0)).isEqualTo("b");

        PgOutputMessage.Update keyChange = (PgOutputMessage.Update) decoder.decode(new Message('U')
                .i32(7).b('K').i16(2).text("1").b('n').b('N').i16(2).text("2").text("x").buffer());
        assertThat(keyChange.oldIsKeyOnly()).isTrue();
        assertThat(keyChange.oldTuple().text(0)).isEqualTo("1");
        assertThat(keyChange.newTuple().text(0)).isEqualTo("2");

        PgOutputMessage.Update full = (PgOutputMessage.Update) decoder.decode(new Message('U')
                .i32(7).b('O').i16(2).text("1").text("big").b('N').i16(2).text("1").b('u').buffer());
        assertThat(full.oldIsKeyOnly()).isFalse();
        TupleData merged = full.newTuple().withUnchangedFrom(full.oldTuple());
        assertThat(merged.text(1)).isEqualTo("big");
        assertThat(merged.kind(1)).isEqualTo(TupleData.TEXT);
    }

    @Test
    void deleteAndTruncate() throws IOException {
        PgOutputMessage.Delete delete = (PgOutputMessage.Delete) decoder.decode(new Message('D')
                .i32(9).b('K').i16(1).text("5").buffer());
        assertThat(delete.oldIsKeyOnly()).isTrue();
        assertThat(delete.oldTuple().text(0)).isEqualTo("5");

        PgOutputMessage.Truncate truncate = (PgOutputMessage.Truncate) decoder.decode(new Message('T')
                .i32(2).b(3).i32(9).i32(10).buffer());
        assertThat(truncate.relationIds()).containsExactly(9, 10);
        assertThat(truncate.cascade()).isTrue();
        assertThat(truncate.restartIdentity()).isTrue();
    }

    @Test
    void originTypeAndLogicalMessage() throws IOException {
        assertThat(decoder.decode(new Message('O').i64(5).str("node1").buffer()))
                .isEqualTo(new PgOutputMessage.Origin(5, "node1"));
        assertThat(decoder.decode(new Message('Y').i32(700_001).str("public").str("mood").buffer()))
                .isEqualTo(new PgOutputMessage.TypeInfo(700_001, "public", "mood"));
        PgOutputMessage.LogicalMessage message = (PgOutputMessage.LogicalMessage) decoder.decode(new Message('M')
                .b(1).i64(77).str("pfx").i32(2).b('h').b('i').buffer());
        assertThat(message.prefix()).isEqualTo("pfx");
        assertThat(message.content()).containsExactly('h', 'i');
    }

    @Test
    void unknownMessagesAndBinaryColumnsAreRejected() throws IOException {
        assertThatThrownBy(() -> decoder.decode(new Message('Z').buffer()))
                .isInstanceOf(PgOutputDecoder.UnknownMessageException.class).hasMessageContaining("'Z'");
        assertThatThrownBy(() -> decoder.decode(new Message('I').i32(1).b('N').i16(1).b('b').i32(0).buffer()))
                .hasMessageContaining("binary");
    }

    @Test
    void protocolTwoStreamMessages() throws IOException {
        PgOutputMessage.StreamStart start = (PgOutputMessage.StreamStart) decoder.decode(
                new Message('S').i32(42).b(1).buffer());
        assertThat(start).isEqualTo(new PgOutputMessage.StreamStart(42, true));
        assertThat(PgOutputDecoder.isStreamStop(new Message('E').buffer())).isTrue();
        assertThat(decoder.decode(new Message('E').buffer())).isInstanceOf(PgOutputMessage.StreamStop.class);
        assertThat(decoder.decode(new Message('c').i32(42).b(0).i64(100).i64(180).i64(777).buffer()))
                .isEqualTo(new PgOutputMessage.StreamCommit(42, 0, 100, 180, 777));
        assertThat(decoder.decode(new Message('A').i32(42).i32(43).buffer()))
                .isEqualTo(new PgOutputMessage.StreamAbort(42, 43));
    }
}
