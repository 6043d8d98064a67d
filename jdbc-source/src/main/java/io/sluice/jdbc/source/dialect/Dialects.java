package io.sluice.jdbc.source.dialect;

import java.util.Locale;

/** Picks the dialect from {@code dialect.name} or, when that is empty, from the JDBC URL. */
public final class Dialects {

    private Dialects() {
    }

    public static Dialect choose(String dialectName, String url, boolean quoteIdentifiers) {
        String name = dialectName == null ? "" : dialectName.trim().toLowerCase(Locale.ROOT);
        if (name.isEmpty()) {
            String lowerUrl = url.toLowerCase(Locale.ROOT);
            if (lowerUrl.startsWith("jdbc:postgresql:")) {
                name = "postgresql";
            } else if (lowerUrl.startsWith("jdbc:mariadb:") || lowerUrl.startsWith("jdbc:mysql:")) {
                name = "mysql";
            } else {
                name = "generic";
            }
        }
        if (name.startsWith("postgres")) {
            return new PostgresDialect(quoteIdentifiers);
        }
        if (name.startsWith("mysql") || name.startsWith("mariadb")) {
            return new MySqlDialect(quoteIdentifiers);
        }
        return new Dialect(quoteIdentifiers);
    }
}
