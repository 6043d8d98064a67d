package io.sluice.verify.db;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A table name, optionally qualified by its schema (PostgreSQL) or database (MariaDB/MySQL).
 * Written {@code schema.table}; a name without a dot has no schema and the connection's default applies. A part
 * that holds dots, colons or quotes is written in double quotes or backticks, with the quote doubled inside:
 * {@code public."Order ""Lines"".v2"} is the table {@code Order "Lines".v2} in schema {@code public}.
 */
public record TableName(String schema, String table) {

    public TableName {
        Objects.requireNonNull(table, "table");
        if (table.isEmpty()) {
            throw new IllegalArgumentException("empty table name");
        }
    }

    public static TableName parse(String text) {
        List<String> parts = NameParts.split(text, '.');
        if (parts.size() == 1) {
            return new TableName(null, NameParts.unquote(parts.get(0), text));
        }
        if (parts.size() != 2 || parts.get(0).isEmpty() || parts.get(1).isEmpty()) {
            throw new IllegalArgumentException("bad table name '" + text + "': expected table or schema.table "
                    + "(quote a part that holds a dot: schema.\"a.b\")");
        }
        return new TableName(NameParts.unquote(parts.get(0), text), NameParts.unquote(parts.get(1), text));
    }

    public boolean hasSchema() {
        return schema != null;
    }

    public TableName inSchema(String defaultSchema) {
        return hasSchema() ? this : new TableName(defaultSchema, table);
    }

    @Override
    public String toString() {
        return hasSchema() ? schema + "." + table : table;
    }

    /** Splitting names at separators outside quotes, and removing the quotes. */
    public static final class NameParts {
        private NameParts() {
        }

        /** The parts of {@code text} between {@code separator}s that are not inside double quotes or backticks. */
        public static List<String> split(String text, char separator) {
            List<String> parts = new ArrayList<>();
            StringBuilder current = new StringBuilder();
            char quote = 0;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (quote != 0) {
                    current.append(c);
                    if (c == quote) {
                        if (i + 1 < text.length() && text.charAt(i + 1) == quote) {
                            current.append(quote);
                            i++;
                        } else {
                            quote = 0;
                        }
                    }
                } else if (c == '"' || c == '`') {
                    quote = c;
                    current.append(c);
                } else if (c == separator) {
                    parts.add(current.toString());
                    current.setLength(0);
                } else {
                    current.append(c);
                }
            }
            if (quote != 0) {
                throw new IllegalArgumentException("bad table name '" + text + "': unterminated " + quote);
            }
            parts.add(current.toString());
            return parts;
        }

        static String unquote(String part, String text) {
            if (part.length() >= 2 && (part.charAt(0) == '"' || part.charAt(0) == '`')
                    && part.charAt(part.length() - 1) == part.charAt(0)) {
                String quote = String.valueOf(part.charAt(0));
                return part.substring(1, part.length() - 1).replace(quote + quote, quote);
            }
            if (part.indexOf('"') >= 0 || part.indexOf('`') >= 0) {
                throw new IllegalArgumentException("bad table name '" + text + "': quote the whole part");
            }
            return part;
        }
    }
}
