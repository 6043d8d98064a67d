package io.sluice.schema.types;

import java.util.ArrayList;
import java.util.List;

/**
 * Readers of PostgreSQL's text output format (what pgoutput sends and {@code ResultSet.getString} returns), with
 * DateStyle ISO and IntervalStyle postgres or iso_8601. Hand-written index arithmetic: no regular expressions, no
 * intermediate strings on the paths that run for every row.
 */
final class PgText {

    /** Returned for {@code infinity} and {@code -infinity} dates and timestamps. */
    static final long POSITIVE_INFINITY = Long.MAX_VALUE;
    static final long NEGATIVE_INFINITY = Long.MIN_VALUE;

    private PgText() {
    }

    static boolean isPositiveInfinity(String s) {
        return s.equals("infinity") || s.equals("Infinity");
    }

    static boolean isNegativeInfinity(String s) {
        return s.equals("-infinity") || s.equals("-Infinity");
    }

    static boolean parseBoolean(String s) {
        if (s.length() == 1) {
            char c = s.charAt(0);
            if (c == 't') {
                return true;
            } else if (c == 'f') {
                return false;
            }
        }
        if (s.equalsIgnoreCase("true")) {
            return true;
        } else if (s.equalsIgnoreCase("false")) {
            return false;
        }
        throw new IllegalArgumentException("not a boolean");
    }

    /** Days since the epoch; {@link #POSITIVE_INFINITY} or {@link #NEGATIVE_INFINITY} for the infinities. */
    static long parseDate(String s) {
        if (isPositiveInfinity(s)) {
            return POSITIVE_INFINITY;
        }
        if (isNegativeInfinity(s)) {
            return NEGATIVE_INFINITY;
        }
        int end = s.length();
        boolean bc = s.endsWith(" BC");
        if (bc) {
            end -= 3;
        }
        int p = dateEnd(s);
        if (p != end) {
            throw new IllegalArgumentException("not a date");
        }
        return dateEpochDay(s, bc);
    }

    /**
     * Microseconds since the epoch of a {@code timestamp} (wall clock read as UTC) or {@code timestamptz} (an
     * instant; the text carries its offset). {@link #POSITIVE_INFINITY} / {@link #NEGATIVE_INFINITY} for infinities.
     */
    static long parseTimestamp(String s) {
        if (isPositiveInfinity(s)) {
            return POSITIVE_INFINITY;
        }
        if (isNegativeInfinity(s)) {
            return NEGATIVE_INFINITY;
        }
        int end = s.length();
        boolean bc = s.endsWith(" BC");
        if (bc) {
            end -= 3;
        }
        int p = dateEnd(s);
        long day = dateEpochDay(s, bc);
        if (p >= end || (s.charAt(p) != ' ' && s.charAt(p) != 'T')) {
            throw new IllegalArgumentException("not a timestamp");
        }
        p++;
        int timeEnd = timeEnd(s, p, end);
        long micros = day * EpochMath.MICROS_PER_DAY + timeMicros(s, p, timeEnd);
        if (timeEnd < end) {
            micros -= offsetSeconds(s, timeEnd, end) * EpochMath.MICROS_PER_SECOND;
        }
        return micros;
    }

    /** Microseconds past midnight of a {@code time} ({@code 24:00:00} is allowed). */
    static long parseTime(String s) {
        int end = s.length();
        int timeEnd = timeEnd(s, 0, end);
        if (timeEnd != end) {
            throw new IllegalArgumentException("not a time");
        }
        return timeMicros(s, 0, end);
    }

    /** Microseconds past midnight in UTC of a {@code timetz}, in [0, one day). */
    static long parseTimeWithZoneAsUtc(String s) {
        int end = s.length();
        int timeEnd = timeEnd(s, 0, end);
        if (timeEnd == end) {
            throw new IllegalArgumentException("a time with time zone needs an offset");
        }
        long micros = timeMicros(s, 0, timeEnd) - offsetSeconds(s, timeEnd, end) * EpochMath.MICROS_PER_SECOND;
        return Math.floorMod(micros, EpochMath.MICROS_PER_DAY);
    }

    /** A parsed interval: months, days and microseconds, as PostgreSQL stores it. */
    record Interval(long months, long days, long micros) {

        long approximateMicros() {
            return months * EpochMath.MICROS_PER_AVERAGE_MONTH + days * EpochMath.MICROS_PER_DAY + micros;
        }

        /** ISO-8601 with every component, each carrying its own sign: {@code P1Y2M-3DT4H5M6.78S}. */
        String toIso() {
            long hours = micros / EpochMath.MICROS_PER_HOUR;
            long minutes = micros % EpochMath.MICROS_PER_HOUR / EpochMath.MICROS_PER_MINUTE;
            long secondMicros = micros % EpochMath.MICROS_PER_MINUTE;
            String seconds = java.math.BigDecimal.valueOf(secondMicros, 6).stripTrailingZeros().toPlainString();
            if (secondMicros == 0) {
                seconds = "0";
            }
            return "P" + months / 12 + "Y" + months % 12 + "M" + days + "DT" + hours + "H" + minutes + "M" + seconds + "S";
        }
    }

    /** Reads IntervalStyle {@code postgres} ({@code 1 year 2 mons -3 days +04:05:06.5}) or {@code iso_8601}. */
    static Interval parseInterval(String s) {
        String text = s.trim();
        if (text.startsWith("P") || text.startsWith("-P")) {
            return parseIsoInterval(text);
        }
        long months = 0;
        long days = 0;
        long micros = 0;
        String[] tokens = text.split(" +");
        int i = 0;
        while (i < tokens.length) {
            String token = tokens[i];
            if (token.indexOf(':') >= 0) {
                micros += signedClockMicros(token);
                i++;
                continue;
            }
            if (i + 1 >= tokens.length) {
                throw new IllegalArgumentException("interval number without unit");
            }
            long number = Long.parseLong(token.charAt(0) == '+' ? token.substring(1) : token);
            String unit = tokens[i + 1];
            if (unit.startsWith("year")) {
                months += number * 12;
            } else if (unit.startsWith("mon")) {
                months += number;
            } else if (unit.startsWith("day")) {
                days += number;
            } else {
                throw new IllegalArgumentException("unknown interval unit " + unit);
            }
            i += 2;
        }
        return new Interval(months, days, micros);
    }

    private static Interval parseIsoInterval(String text) {
        boolean negate = text.charAt(0) == '-';
        int p = negate ? 2 : 1;
        boolean inTime = false;
        long months = 0;
        long days = 0;
        long micros = 0;
        int start = p;
        while (p < text.length()) {
            char c = text.charAt(p);
            if (c == 'T') {
                inTime = true;
                start = ++p;
                continue;
            }
            if (Character.isLetter(c)) {
                String number = text.substring(start, p);
                if (!inTime && c == 'Y') {
                    months += Long.parseLong(number) * 12;
                } else if (!inTime && c == 'M') {
                    months += Long.parseLong(number);
                } else if (!inTime && c == 'W') {
                    days += Long.parseLong(number) * 7;
                } else if (!inTime && c == 'D') {
                    days += Long.parseLong(number);
                } else if (inTime && c == 'H') {
                    micros += Long.parseLong(number) * EpochMath.MICROS_PER_HOUR;
                } else if (inTime && c == 'M') {
                    micros += Long.parseLong(number) * EpochMath.MICROS_PER_MINUTE;
                } else if (inTime && c == 'S') {
                    micros += new java.math.BigDecimal(number).movePointRight(6).longValueExact();
                } else {
                    throw new IllegalArgumentException("unexpected " + c + " in ISO-8601 interval");
                }
                start = p + 1;
            }
            p++;
        }
        if (start != text.length()) {
            throw new IllegalArgumentException("ISO-8601 interval ends without a unit");
        }
        return negate ? new Interval(-months, -days, -micros) : new Interval(months, days, micros);
    }

    /** {@code [+-]H+:MM:SS[.ffffff]} as signed microseconds; hours may exceed 24. */
    private static long signedClockMicros(String token) {
        int p = 0;
        boolean negative = false;
        if (token.charAt(0) == '-' || token.charAt(0) == '+') {
            negative = token.charAt(0) == '-';
            p = 1;
        }
        int colon = token.indexOf(':', p);
        long hours = Long.parseLong(token, p, colon, 10);
        int minutes = twoDigits(token, colon + 1);
        if (token.length() < colon + 6 || token.charAt(colon + 3) != ':') {
            throw new IllegalArgumentException("bad interval time");
        }
        int seconds = twoDigits(token, colon + 4);
        int micros = fractionMicros(token, colon + 6, token.length());
        long total = hours * EpochMath.MICROS_PER_HOUR + minutes * EpochMath.MICROS_PER_MINUTE
                + seconds * EpochMath.MICROS_PER_SECOND + micros;
        return negative ? -total : total;
    }

    /** Decodes {@code bytea} in hex ({@code \x0a0b}) or the old escape format. */
    static byte[] parseBytea(String s) {
        if (s.length() >= 2 && s.charAt(0) == '\\' && s.charAt(1) == 'x') {
            int digits = s.length() - 2;
            if ((digits & 1) != 0) {
                throw new IllegalArgumentException("odd number of hex digits");
            }
            byte[] bytes = new byte[digits / 2];
            for (int i = 0, p = 2; i < bytes.length; i++, p += 2) {
                bytes[i] = (byte) (hexDigit(s.charAt(p)) << 4 | hexDigit(s.charAt(p + 1)));
            }
            return bytes;
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(s.length());
        for (int p = 0; p < s.length(); p++) {
            char c = s.charAt(p);
            if (c != '\\') {
                out.write(c);
            } else if (p + 1 < s.length() && s.charAt(p + 1) == '\\') {
                out.write('\\');
                p++;
            } else if (p + 3 < s.length()) {
                out.write((s.charAt(p + 1) - '0') << 6 | (s.charAt(p + 2) - '0') << 3 | (s.charAt(p + 3) - '0'));
                p += 3;
            } else {
                throw new IllegalArgumentException("bad escape in bytea");
            }
        }
        return out.toByteArray();
    }

    /** A bit string such as {@code 10110} as little-endian bytes (last character = lowest bit). */
    static byte[] parseBits(String s) {
        int n = s.length();
        byte[] bytes = new byte[(n + 7) / 8];
        for (int i = 0; i < n; i++) {
            char c = s.charAt(n - 1 - i);
            if (c == '1') {
                bytes[i >> 3] |= (byte) (1 << (i & 7));
            } else if (c != '0') {
                throw new IllegalArgumentException("not a bit string");
            }
        }
        return bytes;
    }

    /**
     * Splits a one-dimensional array literal such as {@code {1,NULL,"a \"b\""}} into its elements (null for
     * NULL). Multi-dimensional arrays are refused.
     */
    static List<String> parseArray(String s) {
        int p = 0;
        int end = s.length();
        if (p < end && s.charAt(p) == '[') {
            // Explicit bounds such as [0:2]={...}: the bounds do not change the elements.
            p = s.indexOf('=') + 1;
        }
        if (p >= end || s.charAt(p) != '{' || s.charAt(end - 1) != '}') {
            throw new IllegalArgumentException("not an array literal");
        }
        p++;
        end--;
        List<String> elements = new ArrayList<>();
        if (p == end) {
            return elements;
        }
        StringBuilder element = new StringBuilder();
        while (true) {
            while (p < end && s.charAt(p) == ' ') {
                p++;
            }
            if (p < end && s.charAt(p) == '{') {
                throw new IllegalArgumentException("multi-dimensional arrays are not supported");
            }
            element.setLength(0);
            boolean quoted = false;
            if (p < end && s.charAt(p) == '"') {
                quoted = true;
                p++;
                while (p < end && s.charAt(p) != '"') {
                    char c = s.charAt(p++);
                    if (c == '\\') {
                        c = s.charAt(p++);
                    }
                    element.append(c);
                }
                if (p >= end) {
                    throw new IllegalArgumentException("unterminated quoted array element");
                }
                p++;
            } else {
                while (p < end && s.charAt(p) != ',') {
                    char c = s.charAt(p++);
                    if (c == '\\') {
                        c = s.charAt(p++);
                    }
                    element.append(c);
                }
                int length = element.length();
                while (length > 0 && element.charAt(length - 1) == ' ') {
                    length--;
                }
                element.setLength(length);
            }
            if (!quoted && element.length() == 4 && element.toString().equalsIgnoreCase("NULL")) {
                elements.add(null);
            } else {
                elements.add(element.toString());
            }
            while (p < end && s.charAt(p) == ' ') {
                p++;
            }
            if (p == end) {
                return elements;
            }
            if (s.charAt(p) != ',') {
                throw new IllegalArgumentException("expected ',' in array literal");
            }
            p++;
        }
    }

    /** Reads a {@code money} value such as {@code $1,234.56}, {@code -$0.50} or {@code ($3.00)}. */
    static java.math.BigDecimal parseMoney(String s, int fractionDigits) {
        StringBuilder digits = new StringBuilder(s.length());
        boolean negative = false;
        for (int p = 0; p < s.length(); p++) {
            char c = s.charAt(p);
            if (c >= '0' && c <= '9' || c == '.') {
                digits.append(c);
            } else if (c == '-' || c == '(') {
                negative = true;
            }
        }
        if (digits.length() == 0) {
            throw new IllegalArgumentException("no digits in money value");
        }
        java.math.BigDecimal value = new java.math.BigDecimal(digits.toString())
                .setScale(fractionDigits, java.math.RoundingMode.UNNECESSARY);
        return negative ? value.negate() : value;
    }

    /**
     * An {@code hstore} such as {@code "a"=>"1", "b"=>NULL} as a JSON object text ({@code {"a":"1","b":null}}),
     * as Debezium writes hstore columns by default.
     */
    static String hstoreAsJson(String s) {
        StringBuilder json = new StringBuilder(s.length() + 2).append('{');
        int p = 0;
        int end = s.length();
        boolean first = true;
        while (true) {
            while (p < end && (s.charAt(p) == ' ' || s.charAt(p) == ',')) {
                p++;
            }
            if (p >= end) {
                break;
            }
            StringBuilder key = new StringBuilder();
            p = hstoreToken(s, p, key);
            if (!s.startsWith("=>", p)) {
                throw new IllegalArgumentException("expected => in hstore");
            }
            p += 2;
            while (p < end && s.charAt(p) == ' ') {
                p++;
            }
            if (!first) {
                json.append(',');
            }
            first = false;
            appendJsonString(json, key);
            json.append(':');
            if (s.startsWith("NULL", p) && (p + 4 == end || s.charAt(p + 4) == ',' || s.charAt(p + 4) == ' ')) {
                json.append("null");
                p += 4;
            } else {
                StringBuilder value = new StringBuilder();
                p = hstoreToken(s, p, value);
                appendJsonString(json, value);
            }
        }
        return json.append('}').toString();
    }

    private static int hstoreToken(String s, int p, StringBuilder out) {
        if (p >= s.length() || s.charAt(p) != '"') {
            throw new IllegalArgumentException("expected a quoted hstore key or value");
        }
        p++;
        while (p < s.length() && s.charAt(p) != '"') {
            char c = s.charAt(p++);
            if (c == '\\' && p < s.length()) {
                c = s.charAt(p++);
            }
            out.append(c);
        }
        if (p >= s.length()) {
            throw new IllegalArgumentException("unterminated hstore string");
        }
        return p + 1;
    }

    private static void appendJsonString(StringBuilder json, CharSequence text) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"':
                    json.append("\\\"");
                    break;
                case '\\':
                    json.append("\\\\");
                    break;
                case '\n':
                    json.append("\\n");
                    break;
                case '\r':
                    json.append("\\r");
                    break;
                case '\t':
                    json.append("\\t");
                    break;
                default:
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
            }
        }
        json.append('"');
    }

    /** A {@code point} such as {@code (1.5,-2)} as {x, y}. */
    static double[] parsePoint(String s) {
        int comma = s.indexOf(',');
        if (s.length() < 5 || s.charAt(0) != '(' || s.charAt(s.length() - 1) != ')' || comma < 0) {
            throw new IllegalArgumentException("not a point");
        }
        return new double[] {Double.parseDouble(s.substring(1, comma)),
                Double.parseDouble(s.substring(comma + 1, s.length() - 1))};
    }

    // --- pieces ---

    /** Index just after {@code Y+-MM-DD}. */
    private static int dateEnd(String s) {
        int dash = s.indexOf('-', 1);
        if (dash < 0 || dash + 6 > s.length() || s.charAt(dash + 3) != '-') {
            throw new IllegalArgumentException("not a date");
        }
        return dash + 6;
    }

    private static long dateEpochDay(String s, boolean bc) {
        int dash = s.indexOf('-', 1);
        long year = Long.parseLong(s, 0, dash, 10);
        int month = twoDigits(s, dash + 1);
        int day = twoDigits(s, dash + 4);
        if (month < 1 || month > 12 || day < 1 || day > 31) {
            throw new IllegalArgumentException("month or day out of range");
        }
        if (bc) {
            year = 1 - year;
        }
        return EpochMath.epochDay(year, month, day);
    }

    /** Index just after {@code HH:MM:SS[.f+]} starting at {@code p}. */
    private static int timeEnd(String s, int p, int end) {
        if (p + 8 > end || s.charAt(p + 2) != ':' || s.charAt(p + 5) != ':') {
            throw new IllegalArgumentException("not a time");
        }
        int q = p + 8;
        if (q < end && s.charAt(q) == '.') {
            q++;
            while (q < end && isDigit(s.charAt(q))) {
                q++;
            }
        }
        return q;
    }

    private static long timeMicros(String s, int p, int end) {
        int hour = twoDigits(s, p);
        int minute = twoDigits(s, p + 3);
        int second = twoDigits(s, p + 6);
        if (hour > 24 || minute > 59 || second > 60) {
            throw new IllegalArgumentException("time out of range");
        }
        return hour * EpochMath.MICROS_PER_HOUR + minute * EpochMath.MICROS_PER_MINUTE
                + second * EpochMath.MICROS_PER_SECOND + fractionMicros(s, p + 8, end);
    }

    /** Reads {@code .f{1,9}} at {@code p} (or nothing) as microseconds; digits past the sixth are dropped. */
    private static int fractionMicros(String s, int p, int end) {
        if (p >= end) {
            return 0;
        }
        if (s.charAt(p) != '.') {
            throw new IllegalArgumentException("expected fraction");
        }
        int micros = 0;
        int digits = 0;
        for (int q = p + 1; q < end; q++) {
            char c = s.charAt(q);
            if (!isDigit(c)) {
                throw new IllegalArgumentException("bad fraction");
            }
            if (digits < 6) {
                micros = micros * 10 + (c - '0');
                digits++;
            }
        }
        for (; digits < 6; digits++) {
            micros *= 10;
        }
        return micros;
    }

    /** {@code +HH}, {@code +HH:MM} or {@code +HH:MM:SS} (or {@code Z}) as seconds east of UTC. */
    private static long offsetSeconds(String s, int p, int end) {
        char sign = s.charAt(p);
        if (sign == 'Z' && p + 1 == end) {
            return 0;
        }
        if ((sign != '+' && sign != '-') || p + 3 > end) {
            throw new IllegalArgumentException("bad time zone offset");
        }
        long seconds = twoDigits(s, p + 1) * 3600L;
        int q = p + 3;
        if (q < end) {
            if (s.charAt(q) != ':' || q + 3 > end) {
                throw new IllegalArgumentException("bad time zone offset");
            }
            seconds += twoDigits(s, q + 1) * 60L;
            q += 3;
            if (q < end) {
                if (s.charAt(q) != ':' || q + 3 != end) {
                    throw new IllegalArgumentException("bad time zone offset");
                }
                seconds += twoDigits(s, q + 1);
                q += 3;
            }
        }
        return sign == '-' ? -seconds : seconds;
    }

    private static int twoDigits(String s, int p) {
        char a = s.charAt(p);
        char b = s.charAt(p + 1);
        if (!isDigit(a) || !isDigit(b)) {
            throw new IllegalArgumentException("expected two digits");
        }
        return (a - '0') * 10 + (b - '0');
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        throw new IllegalArgumentException("bad hex digit");
    }
}
