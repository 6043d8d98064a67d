package io.sluice.verify;

/** A failure that ends the run with status 2; its message is the one line bin/verify prints. */
public final class VerifyException extends Exception {

    public VerifyException(String message) {
        super(message);
    }

    public VerifyException(String message, Throwable cause) {
        super(message, cause);
    }
}
