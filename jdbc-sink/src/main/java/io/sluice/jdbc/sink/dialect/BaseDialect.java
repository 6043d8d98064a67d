package io.sluice.jdbc.sink.dialect;

import io.sluice.jdbc.sink.record.Column;
import io.sluice.jdbc.sink.record.ConnectValues;
import io.sluice.jdbc.sink.record.ValueKind;
import java.math.BigDecimal;
import java.sql.Types;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.StringJoiner;

/**
 * The SQL every supported database writes the same way (plain INSERT, UPDATE, DELETE, CREATE TABLE) and the
 * binders of plain values. Dialects override only what differs.
 */
abstract class BaseDialect implements DatabaseDialect {

    private final char quote;

    BaseDialect(char quote) {
        this.quote = quote;
    }

    @Override
    public String quote(String identifier) {
        String q = String.valueOf(quote);
        return q + identifier.replace(q, q + q) + q;
    }

    @Override
    public String qualified(TableName table) {
        return table.schema() == null ? quote(table.table()) : quote(table.schema()) + "." + quote(table.table());
    }

    @Override
    public String insert(TableName table, List<String> keyColumns, List<String> valueColumns) {
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(qualified(table)).append(" (");
        StringJoiner names = new StringJoiner(",");
        StringJoiner marks = new StringJoiner(",");
        for (String c : keyColumns) {
            names.add(quote(c));
            marks.add("?");
        }
        for (String c : valueColumns) {
            names.add(quote(c));
            marks.add("?");
        }
        return sql.append(names).append(") VALUES (").append(marks).append(')').toString();
    }

    @Override
    public String update(TableName table, List<String> keyColumns, List<String> valueColumns) {
        StringJoiner set = new StringJoiner(",");
        for (String c : valueColumns) {
            set.add(quote(c) + "=?");
        }
        return "UPDATE " + qualified(table) + " SET " + set + " WHERE " + keyMatch(keyColumns);
    }

    @Override
    public String delete(TableName table, List<String> keyColumns, int rows) {
        StringBuilder sql = new StringBuilder("DELETE FROM ").append(qualified(table)).append(" WHERE ");
        if (rows == 1) {
            return sql.append(keyMatch(keyColumns)).toString();
        }
        String row;
        if (keyColumns.size() == 1) {
            sql.append(quote(keyColumns.get(0)));
            row = "?";
        } else {
            StringJoiner names = new StringJoiner(",", "(", ")");
            StringJoiner marks = new StringJoiner(",", "(", ")");
            for (String c : keyColumns) {
                names.add(quote(c));
                marks.add("?");
            }
            sql.append(names);
            row = marks.toString();
        }
        sql.append(" IN (");
        for (int i = 0; i < rows; i++) {
            if (i > 0) {
                sql.append(',');
            }
            sql.append(row);
        }
        return sql.append(')').toString();
    }

    private String keyMatch(List<String> keyColumns) {
        StringJoiner where = new StringJoiner(" AND ");
        for (String c : keyColumns) {
            where.add(quote(c) + "=?");
        }
        return where.toString();
    }

    @Override
    public String createTable(TableName table, List<Column> columns) {
        StringBuilder sql = new StringBuilder("CREATE TABLE ").append(qualified(table)).append(" (");
        StringJoiner key = new StringJoiner(",");
        boolean first = true;
        for (Column c : columns) {
            if (!first) {
                sql.append(", ");
            }
            first = false;
            sql.append(columnDefinition(c));
            if (c.key()) {
                key.add(quote(c.name()));
            }
        }
        if (key.length() > 0) {
            sql.append(", PRIMARY KEY (").append(key).append(')');
        }
        return sql.append(')').toString();
    }

    @Override
    public String addColumn(TableName table, Column column) {
        return "ALTER TABLE " + qualified(table) + " ADD COLUMN " + columnDefinition(column);
    }

    /** name, type, NULL or NOT NULL. Defaults are not copied: rows always carry every value they write. */
    String columnDefinition(Column c) {
        return quote(c.name()) + " " + columnType(c) + (c.optional() ? " NULL" : " NOT NULL");
    }

    /** Adds {@code property=value} to the driver properties unless the URL names the property already. */
    static void addUnlessInUrl(String url, Properties properties, String property, String value) {
        if (!url.toLowerCase(Locale.ROOT).contains(property.toLowerCase(Locale.ROOT) + "=")) {
            properties.setProperty(property, value);
        }
    }

    /** Binders for kinds every database binds the same way; null for kinds the dialect must decide. */
    static ColumnBinder plainBinder(ValueKind kind, ZoneId zone) {
        return switch (kind) {
            case INT8 -> (ps, i, v) -> {
                if (v == null) {
                    ps.setNull(i, Types.TINYINT);
                } else {
                    ps.setShort(i, ((Number) v).shortValue());
                }
            };
            case INT16 -> (ps, i, v) -> {
                if (v == null) {
                    ps.setNull(i, Types.SMALLINT);
                } else {
                    ps.setShort(i, ((Number) v).shortValue());
                }
            };
            case INT32, YEAR -> (ps, i, v) -> {
                if (v == null) {
                    ps.setNull(i, Types.INTEGER);
                } else {
                    ps.setInt(i, ((Number) v).intValue());
                }
            };
            case INT64 -> (ps, i, v) -> {
                if (v == null) {
                    ps.setNull(i, Types.BIGINT);
                } else {
                    ps.setLong(i, ((Number) v).longValue());
                }
            };
            case FLOAT32 -> (ps, i, v) -> {
                if (v == null) {
                    ps.setNull(i, Types.REAL);
                } else {
                    ps.setFloat(i, ((Number) v).floatValue());
                }
            };
            case FLOAT64 -> (ps, i, v) -> {
                if (v == null) {
                    ps.setNull(i, Types.DOUBLE);
                } else {
                    ps.setDouble(i, ((Number) v).doubleValue());
                }
            };
            case BOOLEAN -> (ps, i, v) -> {
                if (v == null) {
                    ps.setNull(i, Types.BOOLEAN);
                } else {
                    ps.setBoolean(i, (Boolean) v);
                }
            };
            case STRING -> (ps, i, v) -> {
                if (v == null) {
                    ps.setNull(i, Types.VARCHAR);
                } else {
                    ps.setString(i, (String) v);
                }
            };
            case BYTES -> (ps, i, v) -> {
                if (v == null) {
                    ps.setNull(i, Types.BINARY);
                } else {
                    ps.setBytes(i, ConnectValues.bytes(v));
                }
            };
            case DECIMAL -> (ps, i, v) -> {
                if (v == null) {
                    ps.setNull(i, Types.NUMERIC);
                } else {
                    ps.setBigDecimal(i, (BigDecimal) v);
                }
            };
            case VARIABLE_DECIMAL -> (ps, i, v) -> {
                if (v == null) {
                    ps.setNull(i, Types.NUMERIC);
                } else {
                    ps.setBigDecimal(i, ConnectValues.variableScaleDecimal(v));
                }
            };
            case DATE_CONNECT, DATE_DAYS -> (ps, i, v) -> {
                if (v == null) {
                    ps.setNull(i, Types.DATE);
                } else {
                    ps.setObject(i, ConnectValues.date(kind, v));
                }
            };
            case TIME_CONNECT, TIME_MILLIS, TIME_MICROS, TIME_NANOS -> (ps, i, v) -> {
                if (v == null) {
                    ps.setNull(i, Types.TIME);
                } else {
                    ps.setObject(i, ConnectValues.time(kind, v));
                }
            };
            case TIMESTAMP_CONNECT, TIMESTAMP_MILLIS, TIMESTAMP_MICROS, TIMESTAMP_NANOS -> (ps, i, v) -> {
                if (v == null) {
                    ps.setNull(i, Types.TIMESTAMP);
                } else {
                    ps.setObject(i, ConnectValues.localDateTime(kind, v, zone));
                }
            };
            default -> null;
        };
    }

    /** Binds schemaless values as the driver sees fit. */
    static ColumnBinder untypedBinder() {
        return (ps, i, v) -> {
            if (v == null) {
                ps.setNull(i, Types.NULL);
            } else {
                ps.setObject(i, v);
            }
        };
    }
}
