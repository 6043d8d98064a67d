package io.sluice.bench;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The benchmark's row: a realistic 10-column table. Values derive from the id alone, so every system
 * reads, writes and compares the same data in every run.
 */
final class Rows {
    static final String[] COLUMNS =
            {"id", "qty", "account", "amount", "score", "code", "note", "active", "created_at", "day"};
    private static final Instant EPOCH_BASE = Instant.parse("2026-01-01T00:00:00Z");
    private static final LocalDate DAY_BASE = LocalDate.of(2020, 1, 1);

    private Rows() {}

    static String postgresDdl(String table) {
        return "CREATE TABLE " + table + " (id bigint PRIMARY KEY, qty int, account bigint, amount numeric(12,2), "
                + "score double precision, code varchar(64), note text, active boolean, created_at timestamptz, day date)";
    }

    static String mariaDdl(String table) {
        return "CREATE TABLE " + table + " (id bigint PRIMARY KEY, qty int, account bigint, amount decimal(12,2), "
                + "score double, code varchar(64), note text, active boolean, created_at datetime(6), day date) ENGINE=InnoDB";
    }

    static int qty(long id) { return (int) (id % 1000); }
    static long account(long id) { return id * 7919L + 1_000_003L; }
    static BigDecimal amount(long id) { return BigDecimal.valueOf((id * 37) % 10_000_000, 2); }
    static double score(long id) { return (id % 997) / 7.0; }
    static String code(long id) { return "C-" + Long.toHexString(id * 2654435761L) + "-" + (id % 97); }
    static String note(long id) {
        return "order " + id + " shipped to warehouse " + (id % 53) + " with priority " + (id % 5)
                + "; customer asked for a call before delivery";
    }
    static boolean active(long id) { return id % 3 != 0; }
    static Instant createdAt(long id) { return EPOCH_BASE.plusMillis(id * 1013L).plusNanos((id % 1000) * 1000L); }
    static LocalDate day(long id) { return DAY_BASE.plusDays(id % 3000); }
}
