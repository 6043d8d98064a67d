package io.sluice.cdc.postgres.stream.pgoutput;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the blocks of large transactions that pgoutput protocol 2 streams before they commit, each in a spool file
 * of its own, until the Stream Commit replays them as one ordinary transaction or a Stream Abort discards them.
 * Only committed changes ever leave this class, so consumers never see a change that was rolled back.
 *
 * <p>A spooled entry is the message without the transaction id that streaming inserts after its type byte,
 * so that a replayed message decodes exactly as an unstreamed one. A subtransaction's abort cuts the spool back
 * to that subtransaction's first change, as PostgreSQL's own subscriber does: a subtransaction's changes, and
 * those of its children, follow its first change until it ends.
 */
public final class StreamedTransactions implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StreamedTransactions.class);
    private static final int ENTRY_HEADER_BYTES = Integer.BYTES + Long.BYTES + Integer.BYTES;
    private static final int WRITE_BUFFER_BYTES = 1 << 16;

    /** What a replay hands each committed message to, with the LSN it was streamed at. */
    public interface MessageHandler {
        void handle(ByteBuffer message, long lsn) throws SQLException, InterruptedException;
    }

    private final Path directory;
    private final String filePrefix;
    private final Map<Integer, Spool> spools = new HashMap<>();
    /** The transaction whose block is being received, or null between blocks. */
    private Spool current;

    /**
     * Spool files are named after the slot, which only one task reads at a time, so that the files a killed
     * worker left behind are found and deleted here.
     */
    public StreamedTransactions(Path directory, String slotName) {
        this.directory = directory;
        this.filePrefix = "sluice-" + slotName + "-xid-";
        deleteLeftovers();
    }

    private void deleteLeftovers() {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, filePrefix + "*.spool")) {
            for (Path file : files) {
                LOG.info("Deleting {}, a spool file left by an earlier run (the server streams its transaction again)",
                        file);
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete old spool files " + filePrefix + "*.spool in " + directory
                    + ": " + e.getMessage(), e);
        }
    }

    /** Whether a Stream Start was received and its Stream Stop not yet. */
    public boolean inBlock() {
        return current != null;
    }

    public void start(PgOutputMessage.StreamStart start) {
        if (current != null) {
            throw new PgOutputDecoder.UnknownMessageException("Stream Start of transaction "
                    + Integer.toUnsignedString(start.xid()) + " inside the block of transaction "
                    + Integer.toUnsignedString(current.xid));
        }
        Spool spool = spools.get(start.xid());
        if (spool == null) {
            spool = new Spool(start.xid(), directory, filePrefix);
            spools.put(start.xid(), spool);
            LOG.info("Transaction {} is larger than the server's logical_decoding_work_mem: the server streams it "
                    + "before its commit, and it is held in {} until then", Integer.toUnsignedString(start.xid()),
                    spool.file);
        }
        current = spool;
    }

    public void stop() {
        current = null;
    }

    /**
     * Spools a message received inside a block. {@code message} is positioned at its type byte; a message that
     * carries no transaction id (Origin) describes the transaction, not a change, and is not kept.
     */
    public void append(ByteBuffer message, long lsn) {
        if (current == null) {
            throw new IllegalStateException("A streamed message arrived outside a Stream Start/Stop block");
        }
        byte type = message.get();
        if (type == 'O') {
            return;
        }
        int subXid = message.getInt();
        current.append(subXid, lsn, type, message);
    }

    /** Replays the committed transaction's messages in the order they were streamed, then forgets it. */
    public void commit(int xid, MessageHandler handler) throws SQLException, InterruptedException {
        Spool spool = spools.remove(xid);
        if (spool == null) {
            return; // every change of it was in tables the publication does not hold
        }
        try {
            long bytes = spool.size();
            long messages = spool.replay(handler);
            LOG.info("Streamed transaction {} committed: replayed its {} messages ({} bytes)",
                    Integer.toUnsignedString(xid), messages, bytes);
        } finally {
            spool.delete();
        }
    }

    /** Discards a rolled-back transaction, or the part of it that a rolled-back subtransaction wrote. */
    public void abort(int xid, int subXid) {
        Spool spool = spools.get(xid);
        if (spool == null) {
            return;
        }
        if (xid == subXid) {
            spools.remove(xid);
            spool.delete();
            LOG.info("Streamed transaction {} rolled back: its spooled changes are discarded",
                    Integer.toUnsignedString(xid));
        } else {
            spool.truncateAt(subXid);
        }
    }

    /** Number of streamed transactions not yet committed or rolled back. */
    public int openTransactions() {
        return spools.size();
    }

    /** Forgets every open transaction: after a reconnect the server streams them again from their start. */
    @Override
    public void close() {
        for (Spool spool : spools.values()) {
            spool.delete();
        }
        spools.clear();
        current = null;
    }

    /** The spool file of one transaction: entries of [subXid][lsn][length][message bytes]. */
    private static final class Spool {
        private final int xid;
        private final Path file;
        private final FileChannel channel;
        private final ByteBuffer writeBuffer = ByteBuffer.allocate(WRITE_BUFFER_BYTES);
        /** Where each subtransaction's first change starts in the file. */
        private final Map<Integer, Long> subTransactionStarts = new HashMap<>();
        private long size;

        Spool(int xid, Path directory, String filePrefix) {
            this.xid = xid;
            try {
                Files.createDirectories(directory);
                this.file = Files.createTempFile(directory, filePrefix + Integer.toUnsignedString(xid) + "-", ".spool");
                this.channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create a spool file for streamed transaction "
                        + Integer.toUnsignedString(xid) + " in " + directory + " (see pgoutput.streaming.spool.dir)", e);
            }
        }

        /** Bytes of entries, written or still in the write buffer. */
        long size() {
            return size;
        }

        void append(int subXid, long lsn, byte type, ByteBuffer body) {
            if (subXid != xid && !subTransactionStarts.containsKey(subXid)) {
                subTransactionStarts.put(subXid, size);
            }
            int length = 1 + body.remaining();
            size += ENTRY_HEADER_BYTES + length;
            if (writeBuffer.remaining() < ENTRY_HEADER_BYTES + length) {
                flush();
            }
            if (writeBuffer.remaining() < ENTRY_HEADER_BYTES + length) {
                ByteBuffer large = ByteBuffer.allocate(ENTRY_HEADER_BYTES + length);
                put(large, subXid, lsn, type, body, length);
                large.flip();
                write(large);
            } else {
                put(writeBuffer, subXid, lsn, type, body, length);
            }
        }

        private static void put(ByteBuffer target, int subXid, long lsn, byte type, ByteBuffer body, int length) {
            target.putInt(subXid).putLong(lsn).putInt(length).put(type).put(body);
        }

        void truncateAt(int subXid) {
            Long start = subTransactionStarts.get(subXid);
            if (start == null) {
                return; // the subtransaction changed nothing the publication holds
            }
            flush();
            try {
                channel.truncate(start);
                channel.position(start);
            } catch (IOException e) {
                throw failure("truncate", e);
            }
            size = start;
            subTransactionStarts.values().removeIf(offset -> offset >= start);
        }

        /** Hands every entry to the handler; returns how many there were. */
        long replay(MessageHandler handler) throws SQLException, InterruptedException {
            flush();
            try {
                long end = size;
                channel.position(0);
                DataInputStream in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(channel),
                        WRITE_BUFFER_BYTES));
                long read = 0;
                long messages = 0;
                while (read < end) {
                    in.readInt(); // the subtransaction: aborted ones were cut off already
                    long lsn = in.readLong();
                    byte[] message = new byte[in.readInt()];
                    in.readFully(message);
                    read += ENTRY_HEADER_BYTES + message.length;
                    handler.handle(ByteBuffer.wrap(message), lsn);
                    messages++;
                }
                return messages;
            } catch (EOFException e) {
                throw failure("read to its end", e);
            } catch (IOException e) {
                throw failure("read", e);
            }
        }

        private void flush() {
            writeBuffer.flip();
            write(writeBuffer);
            writeBuffer.clear();
        }

        private void write(ByteBuffer data) {
            try {
                while (data.hasRemaining()) {
                    channel.write(data);
                }
            } catch (IOException e) {
                throw failure("write to", e);
            }
        }

        void delete() {
            try {
                channel.close();
                Files.deleteIfExists(file);
            } catch (IOException e) {
                LOG.warn("Could not delete the spool file {}: {}", file, e.getMessage(), e);
            }
        }

        private UncheckedIOException failure(String action, IOException e) {
            return new UncheckedIOException("Could not " + action + " the spool file " + file + " of streamed "
                    + "transaction " + Integer.toUnsignedString(xid) + ": " + e.getMessage(), e);
        }
    }
}
