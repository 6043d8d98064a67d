package io.sluice.cdc.postgres.stream.pgoutput;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.cdc.postgres.stream.pgoutput.PgOutputDecoderTest.Message;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamedTransactionsTest {

    private static final int TOP = 700;

    @TempDir
    Path dir;
    private final PgOutputDecoder decoder = new PgOutputDecoder();

    /** A streamed INSERT into relation 1 of one text value, as transaction {@code xid} sends it. */
    private static ByteBuffer insert(int xid, String value) throws IOException {
        return new Message('I').i32(xid).i32(1).b('N').i16(1).text(value).buffer();
    }

    private List<String> replay(StreamedTransactions streamed, int xid) throws Exception {
        List<String> values = new ArrayList<>();
        List<Long> lsns = new ArrayList<>();
        streamed.commit(xid, (message, lsn) -> {
            PgOutputMessage.Insert insert = (PgOutputMessage.Insert) decoder.decode(message);
            values.add(insert.newTuple().text(0));
            lsns.add(lsn);
        });
        assertThat(lsns).isSorted();
        return values;
    }

    @Test
    void blocksOfInterleavedTransactionsReplayInTheirOwnOrderWithoutTheirTransactionIds() throws Exception {
        try (StreamedTransactions streamed = new StreamedTransactions(dir, "slot")) {
            streamed.start(new PgOutputMessage.StreamStart(TOP, true));
            streamed.append(insert(TOP, "a1"), 10);
            streamed.append(insert(TOP, "a2"), 11);
            streamed.stop();
            streamed.start(new PgOutputMessage.StreamStart(TOP + 1, true));
            streamed.append(insert(TOP + 1, "b1"), 12);
            streamed.stop();
            streamed.start(new PgOutputMessage.StreamStart(TOP, false));
            streamed.append(insert(TOP, "x".repeat(200_000)), 13); // larger than the write buffer
            streamed.append(insert(TOP, "a3"), 14);
            streamed.stop();
            assertThat(spoolFiles()).hasSize(2);

            assertThat(replay(streamed, TOP + 1)).containsExactly("b1");
            assertThat(replay(streamed, TOP)).containsExactly("a1", "a2", "x".repeat(200_000), "a3");
            assertThat(streamed.openTransactions()).isZero();
            assertThat(spoolFiles()).isEmpty();
        }
    }

    @Test
    void aRolledBackSubtransactionTakesItsChildrenWithItAndARollbackTakesEverything() throws Exception {
        try (StreamedTransactions streamed = new StreamedTransactions(dir, "slot")) {
            streamed.start(new PgOutputMessage.StreamStart(TOP, true));
            streamed.append(insert(TOP, "kept"), 1);
            streamed.append(insert(TOP + 1, "in released savepoint"), 2);
            streamed.append(insert(TOP + 2, "undone"), 3);
            streamed.append(insert(TOP + 3, "undone child"), 4);
            streamed.stop();
            streamed.abort(TOP, TOP + 2);
            streamed.start(new PgOutputMessage.StreamStart(TOP, false));
            streamed.append(insert(TOP, "after rollback to savepoint"), 5);
            streamed.stop();
            streamed.abort(TOP, TOP + 9); // a subtransaction that changed nothing captured
            assertThat(replay(streamed, TOP)).containsExactly("kept", "in released savepoint",
                    "after rollback to savepoint");

            streamed.start(new PgOutputMessage.StreamStart(TOP + 5, true));
            streamed.append(insert(TOP + 5, "rolled back"), 6);
            streamed.stop();
            streamed.abort(TOP + 5, TOP + 5);
            assertThat(streamed.openTransactions()).isZero();
            assertThat(replay(streamed, TOP + 5)).isEmpty();
            assertThat(spoolFiles()).isEmpty();
        }
    }

    @Test
    void filesLeftByAnEarlierRunOfTheSameSlotAreDeletedAndClosingDeletesOpenOnes() throws Exception {
        Path leftover = Files.createFile(dir.resolve("sluice-slot-xid-5-123.spool"));
        Path otherSlot = Files.createFile(dir.resolve("sluice-other-xid-5-123.spool"));
        StreamedTransactions streamed = new StreamedTransactions(dir, "slot");
        assertThat(leftover).doesNotExist();
        assertThat(otherSlot).exists();
        streamed.start(new PgOutputMessage.StreamStart(TOP, true));
        streamed.append(new Message('O').i64(5).str("origin").buffer(), 1); // describes the transaction: not kept
        streamed.append(insert(TOP, "a"), 2);
        streamed.stop();
        assertThat(spoolFiles()).hasSize(2);
        streamed.close();
        assertThat(spoolFiles()).containsExactly(otherSlot);
    }

    private List<Path> spoolFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }
}
