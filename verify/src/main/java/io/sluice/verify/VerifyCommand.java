package io.sluice.verify;

/** Placeholder entry point of bin/verify; replaced by the real tool in issue 9. */
public final class VerifyCommand {

    private VerifyCommand() {
    }

    public static void main(String[] args) {
        System.err.println("sluice-verify is not implemented yet");
        System.exit(2);
    }
}
