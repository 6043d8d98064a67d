package io.sluice.verify.cli;

/** Bad command-line arguments; bin/verify exits with status 2 and the message. */
public final class UsageException extends Exception {

    public UsageException(String message) {
        super(message);
    }
}
