package io.sluice.cdc.mysql.stream;

import com.github.shyiko.mysql.binlog.event.EventType;
import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.deserialization.AnnotateRowsEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.BinlogCheckpointEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.EventHeaderV4Deserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.FormatDescriptionEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.GtidEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.IntVarEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.MariadbGtidEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.MariadbGtidListEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.NullEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.PreviousGtidSetDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.QueryEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.RotateEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.RowsQueryEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.TableMapEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.TransactionPayloadEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.XAPrepareEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.XidEventDataDeserializer;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** The event deserializer the binlog reader uses: the library's, with our row deserializers. */
final class BinlogEventDeserializers {

    private BinlogEventDeserializers() {
    }

    static EventDeserializer create() {
        Map<Long, TableMapEventData> tableMaps = new LinkedHashMap<>(256, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, TableMapEventData> eldest) {
                return size() > 10_000;
            }
        };
        Map<EventType, EventDataDeserializer> deserializers = new EnumMap<>(EventType.class);
        deserializers.put(EventType.FORMAT_DESCRIPTION, new FormatDescriptionEventDataDeserializer());
        deserializers.put(EventType.ROTATE, new RotateEventDataDeserializer());
        deserializers.put(EventType.INTVAR, new IntVarEventDataDeserializer());
        deserializers.put(EventType.QUERY, new QueryEventDataDeserializer());
        deserializers.put(EventType.TABLE_MAP, new TableMapEventDataDeserializer());
        deserializers.put(EventType.XID, new XidEventDataDeserializer());
        deserializers.put(EventType.WRITE_ROWS, new RowDeserializers.WriteRows(tableMaps, false));
        deserializers.put(EventType.UPDATE_ROWS, new RowDeserializers.UpdateRows(tableMaps, false));
        deserializers.put(EventType.DELETE_ROWS, new RowDeserializers.DeleteRows(tableMaps, false));
        deserializers.put(EventType.EXT_WRITE_ROWS, new RowDeserializers.WriteRows(tableMaps, true));
        deserializers.put(EventType.EXT_UPDATE_ROWS, new RowDeserializers.UpdateRows(tableMaps, true));
        deserializers.put(EventType.EXT_DELETE_ROWS, new RowDeserializers.DeleteRows(tableMaps, true));
        deserializers.put(EventType.ROWS_QUERY, new RowsQueryEventDataDeserializer());
        deserializers.put(EventType.GTID, new GtidEventDataDeserializer());
        deserializers.put(EventType.PREVIOUS_GTIDS, new PreviousGtidSetDeserializer());
        deserializers.put(EventType.XA_PREPARE, new XAPrepareEventDataDeserializer());
        deserializers.put(EventType.ANNOTATE_ROWS, new AnnotateRowsEventDataDeserializer());
        deserializers.put(EventType.MARIADB_GTID, new MariadbGtidEventDataDeserializer());
        deserializers.put(EventType.BINLOG_CHECKPOINT, new BinlogCheckpointEventDataDeserializer());
        deserializers.put(EventType.MARIADB_GTID_LIST, new MariadbGtidListEventDataDeserializer());
        deserializers.put(EventType.TRANSACTION_PAYLOAD, new TransactionPayloadEventDataDeserializer());
        EventDeserializer deserializer = new EventDeserializer(new EventHeaderV4Deserializer(),
                new NullEventDataDeserializer(), deserializers, tableMaps);
        // Our row deserializers decode temporal values themselves; CHAR/BINARY must stay bytes for the charset.
        deserializer.setCompatibilityMode(EventDeserializer.CompatibilityMode.DATE_AND_TIME_AS_LONG_MICRO,
                EventDeserializer.CompatibilityMode.CHAR_AND_BINARY_AS_BYTE_ARRAY);
        return deserializer;
    }
}
