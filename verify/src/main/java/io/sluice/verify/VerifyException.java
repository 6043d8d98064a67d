package io.sluice.verify;

/** A failure that ends the run with status 2; its message is the one line bin/verify prints. */
public final class VerifyException extends Exception {

    private final boolean targetTableMissing;

    public VerifyException(String message) {
        this(message, false);
    }

    public VerifyException(String message, Throwable cause) {
        super(message, cause);
        this.targetTableMissing = false;
    }

    private VerifyException(String message, boolean targetTableMissing) {
        super(message);
        this.targetTableMissing = targetTableMissing;
    }

    /** A target table that does not exist: under --wait-for-lag, a pipeline that has not created it yet. */
    static VerifyException targetTableMissing(String message) {
        return new VerifyException(message, true);
    }

    boolean isTargetTableMissing() {
        return targetTableMissing;
    }
}
