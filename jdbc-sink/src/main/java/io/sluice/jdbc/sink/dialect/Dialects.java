package io.sluice.jdbc.sink.dialect;

import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.ConfigException;

/** Chooses the dialect from {@code dialect.name} or the JDBC URL, then from what the server says it is. */
public final class Dialects {

    private static final Pattern MYSQL_VERSION = Pattern.compile("^(\\d+)\\.(\\d+)\\.(\\d+)");

    private Dialects() {
    }

    /**
     * The dialect before connecting. A {@code jdbc:mysql:} URL may lead to MariaDB too, so it starts as MySQL
     * with the {@code VALUES()} syntax both understand, and {@link #forServer} refines it.
     */
    public static DatabaseDialect forUrl(String configuredName, String url) {
        String name = configuredName == null || configuredName.isEmpty() ? schemeOf(url) : configuredName;
        return switch (name) {
            case "postgresql" -> new PostgresDialect();
            case "mariadb" -> new MariaDbDialect();
            case "mysql" -> new MySqlDialect(false);
            default -> throw new ConfigException("connection.url", url,
                    "no dialect for this URL: use jdbc:postgresql:, jdbc:mysql: or jdbc:mariadb:, or set dialect.name");
        };
    }

    /** The dialect once the server's product name and version are known. */
    public static DatabaseDialect forServer(DatabaseDialect initial, DatabaseMetaData metaData) throws SQLException {
        if (!(initial instanceof MySqlDialect) || initial instanceof MariaDbDialect) {
            return initial;
        }
        String version = metaData.getDatabaseProductVersion();
        String product = metaData.getDatabaseProductName();
        if (isMariaDb(product, version)) {
            return new MariaDbDialect();
        }
        return new MySqlDialect(supportsRowAlias(version));
    }

    static boolean isMariaDb(String product, String version) {
        return (product != null && product.toLowerCase(Locale.ROOT).contains("mariadb"))
                || (version != null && version.toLowerCase(Locale.ROOT).contains("mariadb"));
    }

    /** MySQL 8.0.19 introduced {@code INSERT ... AS alias}. */
    static boolean supportsRowAlias(String version) {
        Matcher m = version == null ? null : MYSQL_VERSION.matcher(version.trim());
        if (m == null || !m.find()) {
            return false;
        }
        int major = Integer.parseInt(m.group(1));
        int minor = Integer.parseInt(m.group(2));
        int patch = Integer.parseInt(m.group(3));
        return major > 8 || (major == 8 && (minor > 0 || patch >= 19));
    }

    /** postgresql, mysql or mariadb from {@code jdbc:<scheme>:}, or the scheme itself when unknown. */
    public static String schemeOf(String url) {
        String lower = url == null ? "" : url.trim().toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:postgresql:")) {
            return "postgresql";
        }
        if (lower.startsWith("jdbc:mariadb:")) {
            return "mariadb";
        }
        if (lower.startsWith("jdbc:mysql:")) {
            return "mysql";
        }
        return lower;
    }

    /** The driver class for a URL, named so that the pool loads it from the plugin's own class loader. */
    public static String driverClassFor(String url) {
        return switch (schemeOf(url)) {
            case "postgresql" -> "org.postgresql.Driver";
            case "mariadb" -> "org.mariadb.jdbc.Driver";
            case "mysql" -> classPresent("com.mysql.cj.jdbc.Driver") ? "com.mysql.cj.jdbc.Driver" : "org.mariadb.jdbc.Driver";
            default -> null;
        };
    }

    /**
     * The URL to hand to the driver: MariaDB's driver takes {@code jdbc:mysql:} URLs only when they say
     * {@code permitMysqlScheme}, which is added when MySQL's own driver is not installed.
     */
    public static String driverUrl(String url) {
        String trimmed = url.trim();
        if ("mysql".equals(schemeOf(trimmed)) && "org.mariadb.jdbc.Driver".equals(driverClassFor(trimmed))
                && !trimmed.toLowerCase(Locale.ROOT).contains("permitmysqlscheme")) {
            return trimmed + (trimmed.contains("?") ? "&" : "?") + "permitMysqlScheme";
        }
        return trimmed;
    }

    private static boolean classPresent(String name) {
        try {
            Class.forName(name, false, Dialects.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
