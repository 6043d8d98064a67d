package io.sluice.cdc.postgres.stream.pgoutput;

/**
 * The column values of one row as pgoutput sends them: each column is null, an unchanged TOASTed value the
 * server did not send, or PostgreSQL's text output of the value.
 */
public final class TupleData {

    public static final byte NULL = 'n';
    public static final byte UNCHANGED_TOAST = 'u';
    public static final byte TEXT = 't';

    private final byte[] kinds;
    private final String[] values;

    public TupleData(byte[] kinds, String[] values) {
        this.kinds = kinds;
        this.values = values;
    }

    public int size() {
        return kinds.length;
    }

    public byte kind(int column) {
        return kinds[column];
    }

    public boolean isUnchangedToast(int column) {
        return kinds[column] == UNCHANGED_TOAST;
    }

    /** The text value, or null for a null or unchanged TOASTed column. */
    public String text(int column) {
        return values[column];
    }

    /**
     * This (new) row with its unchanged TOASTed columns filled from {@code old}, when {@code old} holds them
     * (REPLICA IDENTITY FULL sends the whole old row).
     */
    public TupleData withUnchangedFrom(TupleData old) {
        byte[] k = null;
        String[] v = null;
        for (int i = 0; i < kinds.length && i < old.kinds.length; i++) {
            if (kinds[i] == UNCHANGED_TOAST && old.kinds[i] != UNCHANGED_TOAST) {
                if (k == null) {
                    k = kinds.clone();
                    v = values.clone();
                }
                k[i] = old.kinds[i];
                v[i] = old.values[i];
            }
        }
        return k == null ? this : new TupleData(k, v);
    }
}
