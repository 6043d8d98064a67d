package io.sluice.schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The Sluice release version, as written into the jar by the build; every plugin reports it. */
public final class SluiceVersion {

    private static final String VERSION = load();

    private SluiceVersion() {
    }

    public static String get() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = SluiceVersion.class.getResourceAsStream("/io/sluice/version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the Sluice version resource", e);
        }
    }
}
