package io.sluice.cdc.mysql.stream;

import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.deserialization.DeleteRowsEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.UpdateRowsEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.WriteRowsEventDataDeserializer;
import com.github.shyiko.mysql.binlog.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Serializable;
import java.util.Map;

/**
 * The binlog library's row deserializers with exact temporal decoding (see {@link BinlogTemporalDecoding}).
 * The same overrides in each of the three event kinds, as the library has one class per kind.
 */
final class RowDeserializers {

    private RowDeserializers() {
    }

    static final class WriteRows extends WriteRowsEventDataDeserializer {
        WriteRows(Map<Long, TableMapEventData> tableMaps, boolean v2) {
            super(tableMaps);
            setMayContainExtraInformation(v2);
        }

        @Override
        protected Serializable deserializeDate(ByteArrayInputStream in) throws IOException {
            return BinlogTemporalDecoding.date(in);
        }

        @Override
        protected Serializable deserializeTime(ByteArrayInputStream in) throws IOException {
            return BinlogTemporalDecoding.time(in);
        }

        @Override
        protected Serializable deserializeTimeV2(int meta, ByteArrayInputStream in) throws IOException {
            return BinlogTemporalDecoding.timeV2(meta, in);
        }

        @Override
        protected Serializable deserializeTimestamp(ByteArrayInputStream in) throws IOException {
            return BinlogTemporalDecoding.timestamp(in);
        }

        @Override
        protected Serializable deserializeTimestampV2(int meta, ByteArrayInputStream in) throws IOException {
            return BinlogTemporalDecoding.timestampV2(meta, in);
        }

        @Override
        protected Serializable deserializeDatetime(ByteArrayInputStream in) throws IOException {
            return BinlogTemporalDecoding.dateTime(in);
        }

        @Override
        protected Serializable deserializeDatetimeV2(int meta, ByteArrayInputStream in) throws IOException {
            return BinlogTemporalDecoding.dateTimeV2(meta, in);
        }

        @Override
        protected Serializable deserializeYear(ByteArrayInputStream in) throws IOException {
            return BinlogTemporalDecoding.year(in);
        }
    }

    static final class UpdateRows extends UpdateRowsEventDataDeserializer {
        UpdateRows(Map<Long, TableMapEventData> tableMaps, boolean v2) {
            super(tableMaps);
            setMayContainExtraInformation(v2);
        }

        @Override
        protected Serializable deserializeDate(ByteArrayInputStream in) throws IOException {
            return BinlogTemporalDecoding.date(in);
        }

        @Override
        protected Serializable deserializeTime(ByteArrayInputStream in) throws IOException {
            return BinlogTemporalDecoding.time(in);
        }

        @Override
        protected Serializable deserializeTimeV2(int meta, ByteArrayInputStream in) throws IOException {
            return BinlogTemporalDecoding.timeV2(meta, in);
        }

        @Override
        protected Serializable deserializeTimestamp(ByteArrayInputStream in) throws IOException {
            return BinlogTemporalDecoding.timestamp(in);
        }

        @Override
        protected Serializable deserializeTimestampV2(int meta, ByteArrayInputStream in) throws IOException {
            return BinlogTemporalDecoding.timestampV2(meta, in);
        }

        @Override
        protected Serializable deserializeDatetime(ByteArrayInputStream in) throws IOException {
            return BinlogTemporalDecoding.dateTime(in);
        }

        @Override
        protected Serializable deserializeDatetimeV2(int meta, ByteArrayInputStream in) throws IOException {
            return BinlogTemporalDecoding.dateTimeV2(meta, in);
        }

        @Override
        protected Serializable deserializeYear(ByteArrayInputStream in) throws IOException {
            return BinlogTemporalDecoding.year(in);
        }
    }

    static final class DeleteRows extends DeleteRowsEventDataDeserializer {
        DeleteRows(Map<Long, TableMapEventData> tableMaps, boolean v2) {
            super(tableMaps);
            setMayContainExtraInformation(v2);
        }

        @Override
        protected Serializable deserializeDate(ByteArrayInputStream in) throws IOException {
            return BinlogTemporalDecoding.date(in);
        }

        @Override
        protected Serializable deserializeTime(ByteArrayInputStream in) throws IOException {
            return BinlogTemporalDecoding.time(in);
        }

        @Override
        protected Serializable deserializeTimeV2(int meta, ByteArrayInputStream in) throws IOException {
            return BinlogTemporalDecoding.timeV2(meta, in);
        }

        @Override
        protected Serializable deserializeTimestamp(ByteArrayInputStream in) throws IOException {
            return BinlogTemporalDecoding.timestamp(in);
        }

        @Override
        protected Serializable deserializeTimestampV2(int meta, ByteArrayInputStream in) throws IOException {
            return BinlogTemporalDecoding.timestampV2(meta, in);
        }

        @Override
        protected Serializable deserializeDatetime(ByteArrayInputStream in) throws IOException {
            return BinlogTemporalDecoding.dateTime(in);
        }

        @Override
        protected Serializable deserializeDatetimeV2(int meta, ByteArrayInputStream in) throws IOException {
            return BinlogTemporalDecoding.dateTimeV2(meta, in);
        }

        @Override
        protected Serializable deserializeYear(ByteArrayInputStream in) throws IOException {
            return BinlogTemporalDecoding.year(in);
        }
    }
}
