package io.sluice.bench;

/** A benchmark step that failed for a reason the report must show (which system, what went wrong). */
final class BenchFailure extends RuntimeException {
    BenchFailure(String message) { super(message); }
    BenchFailure(String message, Throwable cause) { super(message, cause); }

    /** The time budget ended a run before it finished: earlier complete runs of the same system still count. */
    static final class BudgetExhausted extends RuntimeException {
        BudgetExhausted(String message) { super(message); }
    }

    /** One line for the report: the message, or the exception class when it has none. */
    static String reasonOf(Throwable t) {
        Throwable cur = t;
        StringBuilder sb = new StringBuilder();
        while (cur != null) {
            String m = cur.getMessage();
            if (sb.length() > 0) sb.append(" <- ");
            sb.append(m == null || m.isBlank() ? cur.getClass().getSimpleName() : (cur instanceof BenchFailure ? m : cur.getClass().getSimpleName() + ": " + m));
            if (cur instanceof BenchFailure) break;
            cur = cur.getCause();
            if (sb.length() > 400) break;
        }
        return sb.toString().replace('\n', ' ').replace('|', '/');
    }
}
