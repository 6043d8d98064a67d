package io.sluice.jdbc.source.query;

import io.sluice.jdbc.source.config.JdbcSourceConfig;
import io.sluice.jdbc.source.config.NumericMapping;
import io.sluice.jdbc.source.dialect.Dialect;
import io.sluice.jdbc.source.schema.RowMapping;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies one table (or the custom query) in rounds. A round runs the mode's SELECT once and streams its result
 * over as many polls as it takes, {@code batch.max.rows} at a time, from one open cursor; the next round starts
 * {@code poll.interval.ms} after this one started.
 *
 * <p>Rows are read one ahead, so the offset of a row can depend on the next one (see {@link TimestampQuery}).
 * The offset kept in memory is the one of the last record handed out: after a read error the round is abandoned
 * and the next one continues from there.
 */
public final class TableReader {

    private static final Logger LOG = LoggerFactory.getLogger(TableReader.class);

    /** How a reader is set up; the same for every table of a task. */
    public record Settings(Dialect dialect, int batchMaxRows, long pollIntervalMs, long timestampDelayMs,
            Long timestampInitial, List<String> keyColumns, NumericMapping numericMapping) {
    }

    private final ReadTarget target;
    private final ModeQuery query;
    private final Settings settings;
    private final Calendar zone;

    private SourceOffset offset;
    private long nextRoundAtMs;
    private long roundStartedAtMs;

    private PreparedStatement statement;
    private ResultSet rows;
    private RowMapping mapping;
    /** The mapping of the latest round, whose schema objects the next round keeps when they are unchanged. */
    private RowMapping lastMapping;
    private RowPosition positions;
    /** The position of the row the cursor stands on and that is not copied yet, or null at the end. */
    private SourceOffset current;
    private boolean onRow;

    public TableReader(ReadTarget target, ModeQuery query, Settings settings, Calendar zone, SourceOffset offset) {
        this.target = target;
        this.query = query;
        this.settings = settings;
        this.zone = zone;
        this.offset = offset;
    }

    public ReadTarget target() {
        return target;
    }

    /** The offset of the last record handed out (or the stored one), null when there is none. */
    public SourceOffset offset() {
        return offset;
    }

    /** When the next round may start, in epoch milliseconds. */
    public long nextRoundAtMs() {
        return nextRoundAtMs;
    }

    public boolean inRound() {
        return statement != null;
    }

    /** Runs the mode's SELECT and positions the cursor on the first row. */
    public void startRound(Connection connection, long nowMs) throws SQLException {
        roundStartedAtMs = nowMs;
        Timestamp upperBound = null;
        if (query.needsUpperBound()) {
            Timestamp databaseNow = settings.dialect().currentTimestamp(connection, zone);
            upperBound = Timestamp.from(databaseNow.toInstant().minusMillis(settings.timestampDelayMs()));
            if (offset == null && settings.timestampInitial() != null) {
                long initial = settings.timestampInitial();
                Timestamp start = initial == JdbcSourceConfig.TIMESTAMP_INITIAL_CURRENT
                        ? databaseNow : new Timestamp(initial);
                offset = new SourceOffset(null, start);
            }
        }
        String sql = query.sql(target.from(), query.startsAfter(offset));
        LOG.debug("Reading {} with {} after {} up to {}", target.description(), sql, offset, upperBound);
        statement = connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
        try {
            settings.dialect().stream(statement, settings.batchMaxRows());
            query.bind(statement, offset, upperBound, zone);
            rows = statement.executeQuery();
            mapping = RowMapping.of(rows.getMetaData(), target.schemaName(), settings.keyColumns(),
                    settings.numericMapping(), zone, lastMapping);
            lastMapping = mapping;
            positions = RowPosition.of(rows.getMetaData(), query.incrementingColumn(), query.timestampColumns(),
                    zone, target.description());
            onRow = rows.next();
            current = onRow ? positions.read(rows) : null;
        } catch (SQLException | RuntimeException e) {
            abandonRound();
            throw e;
        }
    }

    /**
     * Up to {@code batch.max.rows} records of the running round. Ends the round (and commits the reading
     * transaction) when the result is exhausted.
     */
    public List<SourceRecord> read(Connection connection) throws SQLException {
        int max = settings.batchMaxRows();
        List<SourceRecord> records = new ArrayList<>(Math.min(max, 1024));
        Map<String, ?> partition = target.partition();
        while (onRow && records.size() < max) {
            Struct value = mapping.value(rows);
            SourceOffset row = current;
            onRow = rows.next();
            current = onRow ? positions.read(rows) : null;
            offset = query.offsetAfter(offset, row, current);
            Map<String, ?> storedOffset = offset == null ? Map.of() : offset.toMap();
            records.add(new SourceRecord(partition, storedOffset, target.topic(), null,
                    mapping.keySchema(), mapping.key(value), mapping.valueSchema(), value));
        }
        if (!onRow) {
            endRound(connection);
        }
        return records;
    }

    private void endRound(Connection connection) throws SQLException {
        closeCursor();
        connection.commit();
        nextRoundAtMs = roundStartedAtMs + settings.pollIntervalMs();
    }

    /** Drops the running round after an error; the next round, not before {@code retryAtMs}, continues from
     * {@link #offset()}. */
    public void abandonRound(long retryAtMs) {
        abandonRound();
        nextRoundAtMs = retryAtMs;
    }

    /** Drops the running round; the next round may start at once and continues from {@link #offset()}. */
    public void abandonRound() {
        try {
            closeCursor();
        } catch (SQLException e) {
            LOG.warn("Closing the cursor of {} after an error failed too: {}", target.description(), e.getMessage());
        }
        nextRoundAtMs = roundStartedAtMs;
    }

    private void closeCursor() throws SQLException {
        try {
            if (rows != null) {
                rows.close();
            }
        } finally {
            rows = null;
            mapping = null;
            positions = null;
            current = null;
            onRow = false;
            PreparedStatement open = statement;
            statement = null;
            if (open != null) {
                open.close();
            }
        }
    }
}
