package io.sluice.cdc.mysql.stream;

import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.TableMapEventMetadata;
import com.github.shyiko.mysql.binlog.event.deserialization.ColumnType;
import io.sluice.cdc.mysql.schema.CapturedTable;
import io.sluice.cdc.mysql.schema.ColumnDefinition;
import io.sluice.cdc.mysql.schema.TableCatalog;
import io.sluice.cdc.mysql.schema.TableDefinition;
import io.sluice.cdc.mysql.schema.TableId;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The captured tables as the binlog describes them. A table map event names the table and, with
 * {@code binlog_row_metadata=FULL}, its column names, primary key, signedness and ENUM/SET values as they were when
 * the rows were written; information_schema (read once per table version, cached until a DDL statement) adds what
 * the event lacks: exact types, precision, scale, character sets, nullability. Columns that information_schema no
 * longer knows (dropped or changed since) are described from the table map alone.
 */
final class StreamedTables {

    private static final Logger LOG = LoggerFactory.getLogger(StreamedTables.class);
    private static final Set<Integer> NUMERIC_TYPES = Set.of(ColumnType.TINY.getCode(), ColumnType.SHORT.getCode(),
            ColumnType.INT24.getCode(), ColumnType.LONG.getCode(), ColumnType.LONGLONG.getCode(),
            ColumnType.FLOAT.getCode(), ColumnType.DOUBLE.getCode(), ColumnType.NEWDECIMAL.getCode(),
            ColumnType.DECIMAL.getCode());
    private static final int BINARY_COLLATION = 63;

    /** What one table id stands for: the table map it was built from and the captured table (null if filtered). */
    private record Entry(TableMapEventData tableMap, CapturedTable table) {
    }

    private final TableCatalog catalog;
    private final Map<Long, Entry> byTableId = new HashMap<>();
    private final Map<TableId, TableDefinition> definitions = new HashMap<>();

    StreamedTables(TableCatalog catalog) {
        this.catalog = catalog;
    }

    /** The captured table a table map event announces, or null when the table is not captured. */
    CapturedTable onTableMap(TableMapEventData tableMap) throws SQLException {
        Entry entry = byTableId.get(tableMap.getTableId());
        if (entry != null && sameStructure(entry.tableMap(), tableMap)) {
            return entry.table();
        }
        TableId id = new TableId(tableMap.getDatabase(), tableMap.getTable());
        CapturedTable table = null;
        if (catalog.isCaptured(id)) {
            TableDefinition definition = merge(id, tableMap, currentDefinition(id));
            table = catalog.capture(definition);
            LOG.info("Captured table {} (table id {}) with columns {}", id, tableMap.getTableId(),
                    definition.columns().stream().map(ColumnDefinition::name).toList());
        }
        if (byTableId.size() > 10_000) {
            byTableId.clear();
        }
        byTableId.put(tableMap.getTableId(), new Entry(tableMap, table));
        return table;
    }

    /** The captured table of a table id announced earlier in this transaction, or null. */
    CapturedTable forTableId(long tableId) {
        Entry entry = byTableId.get(tableId);
        return entry == null ? null : entry.table();
    }

    /** The table (captured or not) a table id announced earlier in this transaction stands for, or null. */
    TableId tableId(long tableId) {
        Entry entry = byTableId.get(tableId);
        return entry == null ? null : new TableId(entry.tableMap().getDatabase(), entry.tableMap().getTable());
    }

    /** The table's current information_schema definition (cached), or null when it does not exist now. */
    TableDefinition currentDefinition(TableId id) throws SQLException {
        TableDefinition definition = definitions.get(id);
        if (definition == null && !definitions.containsKey(id)) {
            definition = catalog.read(id);
            definitions.put(id, definition);
        }
        return definition;
    }

    /** A captured table from information_schema alone, for events without table map (TRUNCATE). */
    CapturedTable fromCatalog(TableId id) throws SQLException {
        TableDefinition definition = currentDefinition(id);
        return definition == null ? null : catalog.capture(definition);
    }

    /**
     * Forgets the definitions of the databases a DDL statement may have changed, so that their next table maps read
     * information_schema again.
     */
    void invalidate(java.util.function.Predicate<String> database) {
        definitions.keySet().removeIf(id -> database.test(id.database()));
        byTableId.values().removeIf(entry -> database.test(entry.tableMap().getDatabase()));
    }

    /** The cached definitions of a database, to tell what a DDL statement changed. */
    Map<TableId, TableDefinition> cachedDefinitions() {
        return definitions;
    }

    private static boolean sameStructure(TableMapEventData a, TableMapEventData b) {
        return a.getDatabase().equals(b.getDatabase()) && a.getTable().equals(b.getTable())
                && Arrays.equals(a.getColumnTypes(), b.getColumnTypes())
                && Arrays.equals(a.getColumnMetadata(), b.getColumnMetadata())
                && sameNames(a.getEventMetadata(), b.getEventMetadata());
    }

    private static boolean sameNames(TableMapEventMetadata a, TableMapEventMetadata b) {
        List<String> namesA = a == null ? null : a.getColumnNames();
        List<String> namesB = b == null ? null : b.getColumnNames();
        return namesA == null ? namesB == null : namesA.equals(namesB);
    }

    /** The table version the event describes: its own facts first, information_schema's for the rest. */
    static TableDefinition merge(TableId id, TableMapEventData tableMap, TableDefinition current) {
        byte[] types = tableMap.getColumnTypes();
        int[] meta = tableMap.getColumnMetadata();
        BitSet nullability = tableMap.getColumnNullability();
        TableMapEventMetadata metadata = tableMap.getEventMetadata();
        List<String> eventNames = metadata == null ? null : metadata.getColumnNames();
        List<String> names;
        if (eventNames != null && eventNames.size() == types.length) {
            names = eventNames;
        } else {
            if (current == null || current.columns().size() != types.length) {
                throw new ConnectException("The binlog's table map of " + id + " carries no column names and "
                        + "information_schema no longer matches it: set binlog_row_metadata=FULL on the server "
                        + "(MySQL 8.0.1+, MariaDB 10.5+) so that each row event names its columns");
            }
            names = current.columns().stream().map(ColumnDefinition::name).toList();
        }
        List<String> columnNames = names;
        BitSet signedness = metadata == null ? null : metadata.getSignedness();
        List<String[]> enumValues = metadata == null ? null : metadata.getEnumStrValues();
        List<String[]> setValues = metadata == null ? null : metadata.getSetStrValues();
        List<Integer> charsets = metadata == null ? null : metadata.getColumnCharsets();
        int numericIndex = 0;
        int enumIndex = 0;
        int setIndex = 0;
        int charIndex = 0;
        List<ColumnDefinition> columns = new ArrayList<>(types.length);
        for (int i = 0; i < types.length; i++) {
            int code = types[i] & 0xFF;
            int realCode = realType(code, meta[i]);
            String name = names.get(i);
            boolean unsigned = false;
            if (NUMERIC_TYPES.contains(realCode)) {
                unsigned = signedness != null && signedness.get(numericIndex);
                numericIndex++;
            }
            List<String> values = List.of();
            if (realCode == ColumnType.ENUM.getCode()) {
                values = enumValues != null && enumIndex < enumValues.size()
                        ? List.of(enumValues.get(enumIndex)) : List.of();
                enumIndex++;
            } else if (realCode == ColumnType.SET.getCode()) {
                values = setValues != null && setIndex < setValues.size() ? List.of(setValues.get(setIndex)) : List.of();
                setIndex++;
            }
            Integer collation = null;
            if (isCharacterType(realCode)) {
                collation = charsets != null && charIndex < charsets.size() ? charsets.get(charIndex) : null;
                charIndex++;
            }
            ColumnDefinition known = current == null ? null : current.column(name);
            ColumnDefinition column;
            if (known != null && fits(realCode, known)) {
                column = known;
                if (signedness != null && NUMERIC_TYPES.contains(realCode)) {
                    column = column.withUnsigned(unsigned);
                }
                if (!values.isEmpty()) {
                    column = column.withEnumValues(values);
                }
            } else {
                column = fromTableMap(name, i + 1, realCode, meta[i], unsigned, nullability.get(i), collation, values);
            }
            columns.add(column);
        }
        List<String> primaryKey = new ArrayList<>();
        List<Integer> simplePk = metadata == null ? null : metadata.getSimplePrimaryKeys();
        Map<Integer, Integer> prefixPk = metadata == null ? null : metadata.getPrimaryKeysWithPrefix();
        if (simplePk != null && !simplePk.isEmpty()) {
            simplePk.forEach(index -> primaryKey.add(columnNames.get(index)));
        } else if (prefixPk != null && !prefixPk.isEmpty()) {
            prefixPk.keySet().forEach(index -> primaryKey.add(columnNames.get(index)));
        } else if (metadata == null || metadata.getColumnNames() == null) {
            if (current != null) {
                primaryKey.addAll(current.primaryKey());
            }
        }
        return new TableDefinition(id, columns, primaryKey, current == null ? null : current.defaultCharset());
    }

    /** CHAR/BINARY columns hide ENUM and SET behind the STRING type code; the metadata tells. */
    private static int realType(int code, int meta) {
        if (code == ColumnType.STRING.getCode() && meta >= 256) {
            int inner = meta >> 8;
            if (inner == ColumnType.ENUM.getCode() || inner == ColumnType.SET.getCode()) {
                return inner;
            }
        }
        return code;
    }

    private static boolean isCharacterType(int code) {
        return code == ColumnType.STRING.getCode() || code == ColumnType.VARCHAR.getCode()
                || code == ColumnType.VAR_STRING.getCode() || code == ColumnType.BLOB.getCode();
    }

    /** Whether information_schema's column still has the type the binlog wrote the value with. */
    private static boolean fits(int code, ColumnDefinition known) {
        String type = known.dataType();
        ColumnType binlogType = ColumnType.byCode(code);
        if (binlogType == null) {
            return false;
        }
        return switch (binlogType) {
            case TINY -> type.equals("tinyint");
            case SHORT -> type.equals("smallint");
            case INT24 -> type.equals("mediumint");
            case LONG -> type.equals("int") || type.equals("integer");
            case LONGLONG -> type.equals("bigint");
            case FLOAT -> type.equals("float");
            case DOUBLE -> type.equals("double") || type.equals("real");
            case NEWDECIMAL, DECIMAL -> type.equals("decimal") || type.equals("numeric");
            case DATE, NEWDATE -> type.equals("date");
            case TIME, TIME_V2 -> type.equals("time");
            case DATETIME, DATETIME_V2 -> type.equals("datetime");
            case TIMESTAMP, TIMESTAMP_V2 -> type.equals("timestamp");
            case YEAR -> type.equals("year");
            case BIT -> type.equals("bit");
            case ENUM -> type.equals("enum");
            case SET -> type.equals("set");
            case JSON -> type.equals("json");
            case GEOMETRY -> Set.of("geometry", "point", "linestring", "polygon", "multipoint", "multilinestring",
                    "multipolygon", "geometrycollection", "geomcollection").contains(type);
            case STRING -> type.equals("char") || type.equals("binary");
            case VARCHAR, VAR_STRING -> type.equals("varchar") || type.equals("varbinary");
            case BLOB, TINY_BLOB, MEDIUM_BLOB, LONG_BLOB -> type.endsWith("text") || type.endsWith("blob");
            default -> false;
        };
    }

    /** A column described by the table map alone (its current definition is gone or of another type). */
    static ColumnDefinition fromTableMap(String name, int position, int code, int meta, boolean unsigned,
            boolean optional, Integer collation, List<String> values) {
        ColumnType type = ColumnType.byCode(code);
        boolean binary = collation != null && collation == BINARY_COLLATION;
        String charset = binary || collation == null ? null : "utf8mb4";
        if (type == null) {
            return ColumnDefinition.of(name, position, "unknown", unsigned, -1, -1, optional, null, values);
        }
        return switch (type) {
            case TINY -> ColumnDefinition.of(name, position, "tinyint", unsigned, -1, -1, optional, null, values);
            case SHORT -> ColumnDefinition.of(name, position, "smallint", unsigned, -1, -1, optional, null, values);
            case INT24 -> ColumnDefinition.of(name, position, "mediumint", unsigned, -1, -1, optional, null, values);
            case LONG -> ColumnDefinition.of(name, position, "int", unsigned, -1, -1, optional, null, values);
            case LONGLONG -> ColumnDefinition.of(name, position, "bigint", unsigned, -1, -1, optional, null, values);
            case FLOAT -> ColumnDefinition.of(name, position, "float", unsigned, -1, -1, optional, null, values);
            case DOUBLE -> ColumnDefinition.of(name, position, "double", unsigned, -1, -1, optional, null, values);
            case NEWDECIMAL, DECIMAL -> ColumnDefinition.of(name, position, "decimal", unsigned, meta & 0xFF,
                    meta >> 8, optional, null, values);
            case DATE, NEWDATE -> ColumnDefinition.of(name, position, "date", false, -1, -1, optional, null, values);
            case TIME, TIME_V2 -> ColumnDefinition.of(name, position, "time", false, -1, meta, optional, null, values);
            case DATETIME, DATETIME_V2 -> ColumnDefinition.of(name, position, "datetime", false, -1, meta, optional,
                    null, values);
            case TIMESTAMP, TIMESTAMP_V2 -> ColumnDefinition.of(name, position, "timestamp", false, -1, meta,
                    optional, null, values);
            case YEAR -> ColumnDefinition.of(name, position, "year", false, -1, -1, optional, null, values);
            case BIT -> ColumnDefinition.of(name, position, "bit", false, (meta >> 8) * 8 + (meta & 0xFF), -1,
                    optional, null, values);
            case ENUM -> ColumnDefinition.of(name, position, "enum", false, -1, -1, optional, null, values);
            case SET -> ColumnDefinition.of(name, position, "set", false, -1, -1, optional, null, values);
            case JSON -> ColumnDefinition.of(name, position, "json", false, -1, -1, optional, null, values);
            case GEOMETRY -> ColumnDefinition.of(name, position, "geometry", false, -1, -1, optional, null, values);
            case STRING -> ColumnDefinition.of(name, position, binary ? "varbinary" : "char", false, -1, -1,
                    optional, charset, values);
            case VARCHAR, VAR_STRING -> ColumnDefinition.of(name, position, binary ? "varbinary" : "varchar", false,
                    -1, -1, optional, charset, values);
            default -> ColumnDefinition.of(name, position, binary ? "longblob" : "longtext", false, -1, -1, optional,
                    charset, values);
        };
    }
}
