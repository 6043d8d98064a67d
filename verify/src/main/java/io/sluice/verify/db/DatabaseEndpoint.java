package io.sluice.verify.db;

import java.util.regex.Pattern;

/**
 * Where a database is and who to log in as. {@link #toString()} never shows the password, also when the
 * JDBC URL carries one.
 */
public record DatabaseEndpoint(String jdbcUrl, String user, String password) {

    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)(password=)[^&;]*");
    private static final Pattern USER_INFO = Pattern.compile("(//[^/@:]*:)[^/@]*@");

    /** The URL with any password replaced by {@code ***}, fit for messages and reports. */
    public String displayUrl() {
        return maskUrl(jdbcUrl);
    }

    public static String maskUrl(String url) {
        String masked = PASSWORD_PARAMETER.matcher(url).replaceAll("$1***");
        return USER_INFO.matcher(masked).replaceAll("$1***@");
    }

    @Override
    public String toString() {
        return displayUrl() + (user == null ? "" : " as " + user);
    }
}
