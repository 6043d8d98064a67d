package io.sluice.jdbc.sink.config;

import io.sluice.jdbc.sink.dialect.Dialects;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connects once with the given options and says what is wrong, on the option to change: an unreachable or
 * malformed URL, bad credentials, an unknown database, or a privilege the options need that the user lacks.
 */
public final class ConnectionCheck {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionCheck.class);
    private static final int TIMEOUT_SECONDS = 10;
    /** How MariaDB (10.11 and later) lists grants TO PUBLIC, which every account holds. */
    private static final String EVERYONE = "'PUBLIC'@''";
    private static final Pattern PUBLIC_GRANT = Pattern.compile("GRANT (.+?) ON (\\S+) TO PUBLIC( WITH GRANT OPTION)?");

    private ConnectionCheck() {
    }

    public static List<ConfigProblem> check(JdbcSinkConfig config) {
        List<ConfigProblem> problems = new ArrayList<>();
        String url = Dialects.driverUrl(config.connectionUrl());
        String driverClass = Dialects.driverClassFor(url);
        if (driverClass == null) {
            problems.add(new ConfigProblem(JdbcSinkConfig.CONNECTION_URL,
                    "not a URL this sink knows: use jdbc:postgresql://, jdbc:mysql:// or jdbc:mariadb://"));
            return problems;
        }
        Driver driver;
        try {
            driver = (Driver) Class.forName(driverClass, true, ConnectionCheck.class.getClassLoader())
                    .getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            problems.add(new ConfigProblem(JdbcSinkConfig.CONNECTION_URL, "cannot load the JDBC driver " + driverClass
                    + ": " + e));
            return problems;
        }
        Properties properties = new Properties();
        if (config.username() != null) {
            properties.setProperty("user", config.username());
        }
        if (config.password() != null) {
            properties.setProperty("password", config.password().value());
        }
        String scheme = Dialects.schemeOf(url);
        if ("postgresql".equals(scheme)) {
            properties.setProperty("connectTimeout", Integer.toString(TIMEOUT_SECONDS));
            properties.setProperty("loginTimeout", Integer.toString(TIMEOUT_SECONDS));
        } else {
            properties.setProperty("connectTimeout", Integer.toString(TIMEOUT_SECONDS * 1000));
        }
        try (Connection connection = driver.connect(url, properties)) {
            if (connection == null) {
                problems.add(new ConfigProblem(JdbcSinkConfig.CONNECTION_URL, "the driver " + driverClass
                        + " does not accept this URL"));
                return problems;
            }
            if (config.schemaEvolution() == SchemaEvolution.BASIC && "postgresql".equals(scheme)) {
                checkPostgresCreatePrivilege(connection, problems);
            }
            if (config.bulkLoadEnabled() && "postgresql".equals(scheme)) {
                checkPostgresTemporaryPrivilege(connection, problems);
            }
            if (!"postgresql".equals(scheme)) {
                checkMySqlPrivileges(connection, config, problems);
            }
        } catch (SQLException e) {
            problems.add(classify(e));
        }
        return problems;
    }

    private static void checkPostgresCreatePrivilege(Connection connection, List<ConfigProblem> problems)
            throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT current_schema(), has_schema_privilege(current_schema(), 'CREATE')")) {
            if (rs.next() && !rs.getBoolean(2)) {
                problems.add(new ConfigProblem(JdbcSinkConfig.SCHEMA_EVOLUTION, "the user may not create tables in schema "
                        + rs.getString(1) + ": grant CREATE on it, or set schema.evolution=none"));
            }
        }
    }

    /** The bulk load stages rows that may already be in the table in a temporary table. */
    private static void checkPostgresTemporaryPrivilege(Connection connection, List<ConfigProblem> problems)
            throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(
                     "SELECT current_database(), has_database_privilege(current_database(), 'TEMPORARY')")) {
            if (rs.next() && !rs.getBoolean(2)) {
                problems.add(new ConfigProblem(JdbcSinkConfig.BULK_LOAD_ENABLED, "the user may not create temporary "
                        + "tables in database " + rs.getString(1) + ", where the bulk load stages rows: grant "
                        + "TEMPORARY on it, or set bulk.load.enabled=false"));
            }
        }
    }

    /**
     * MySQL and MariaDB: the privileges the options need on the URL's database, held by the connected account
     * (or granted to PUBLIC) globally, on the database (grants with wildcards included) or on some table of it. Reported on the option
     * that asks for them: the writes of {@code insert.mode} on {@code connection.username} (only a grant helps),
     * DELETE on {@code delete.enabled} and {@code truncate.enabled} (the sink empties tables with DELETE), CREATE
     * and ALTER on {@code schema.evolution}. When the grants cannot be read with certainty (roles, an old
     * server, no database in the URL) nothing is reported: the first write would say it anyway.
     */
    private static void checkMySqlPrivileges(Connection connection, JdbcSinkConfig config, List<ConfigProblem> problems) {
        Set<String> held;
        String database;
        String account;
        try {
            database = connection.getCatalog();
            if (database == null || database.isEmpty() || usesRoles(connection)) {
                return;
            }
            account = currentAccount(connection);
            if (account == null) {
                return;
            }
            held = mySqlPrivileges(connection, account, database);
            if (!addPublicGrants(connection, database, held)) {
                return;
            }
        } catch (SQLException e) {
            LOG.debug("Cannot read the account's privileges; not checking them", e);
            return;
        }
        if (held.contains("ALL PRIVILEGES")) {
            return;
        }
        String user = config.username() == null ? account : config.username();
        List<String> writes = switch (config.insertMode()) {
            case INSERT -> List.of("INSERT");
            case UPSERT -> List.of("INSERT", "UPDATE");
            case UPDATE -> List.of("UPDATE");
        };
        List<String> missingWrites = missing(held, writes);
        if (!missingWrites.isEmpty()) {
            problems.add(new ConfigProblem(JdbcSinkConfig.CONNECTION_USERNAME, "the user " + user + " lacks the "
                    + String.join(", ", missingWrites) + " privilege on database " + database + ", which insert.mode="
                    + config.insertMode().name().toLowerCase(Locale.ROOT) + " needs: GRANT " + String.join(", ", writes)
                    + " ON `" + database + "`.* TO " + account));
        }
        if (config.deleteEnabled() && !held.contains("DELETE")) {
            problems.add(new ConfigProblem(JdbcSinkConfig.DELETE_ENABLED, "the user " + user + " lacks the DELETE "
                    + "privilege on database " + database + ": grant it, or set delete.enabled=false"));
        }
        if (config.truncateEnabled() && !held.contains("DELETE")) {
            problems.add(new ConfigProblem(JdbcSinkConfig.TRUNCATE_ENABLED, "the user " + user + " lacks the DELETE "
                    + "privilege on database " + database + ", with which the sink empties tables: grant it, or set "
                    + "truncate.enabled=false"));
        }
        if (config.schemaEvolution() == SchemaEvolution.BASIC) {
            List<String> missingDdl = missing(held, List.of("CREATE", "ALTER"));
            if (!missingDdl.isEmpty()) {
                problems.add(new ConfigProblem(JdbcSinkConfig.SCHEMA_EVOLUTION, "the user " + user + " lacks the "
                        + String.join(", ", missingDdl) + " privilege on database " + database + ", needed to create "
                        + "tables and add columns: grant it, or set schema.evolution=none"));
            }
        }
    }

    private static List<String> missing(Set<String> held, List<String> needed) {
        return needed.stream().filter(p -> !held.contains(p)).toList();
    }

    /** Privileges granted through roles do not show in the account's rows: with a role enabled, do not judge. */
    private static boolean usesRoles(Connection connection) {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(
                     "SELECT COUNT(*) FROM information_schema.ENABLED_ROLES WHERE ROLE_NAME IS NOT NULL")) {
            return rs.next() && rs.getLong(1) > 0;
        } catch (SQLException e) {
            return false; // servers without roles
        }
    }

    /** The account the server matched, as information_schema writes grantees: {@code 'user'@'host'}. */
    private static String currentAccount(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT CURRENT_USER()")) {
            if (!rs.next() || rs.getString(1) == null) {
                return null;
            }
            String current = rs.getString(1);
            int at = current.lastIndexOf('@');
            if (at < 0) {
                return null;
            }
            return "'" + current.substring(0, at) + "'@'" + current.substring(at + 1) + "'";
        }
    }

    private static Set<String> mySqlPrivileges(Connection connection, String account, String database)
            throws SQLException {
        Set<String> held = new HashSet<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT PRIVILEGE_TYPE FROM information_schema.USER_PRIVILEGES WHERE GRANTEE IN (?, ?) "
                        + "UNION SELECT PRIVILEGE_TYPE FROM information_schema.SCHEMA_PRIVILEGES "
                        + "WHERE GRANTEE IN (?, ?) AND ? LIKE TABLE_SCHEMA "
                        + "UNION SELECT PRIVILEGE_TYPE FROM information_schema.TABLE_PRIVILEGES "
                        + "WHERE GRANTEE IN (?, ?) AND TABLE_SCHEMA = ?")) {
            int i = 1;
            for (int level = 0; level < 3; level++) {
                statement.setString(i++, account);
                statement.setString(i++, EVERYONE);
                if (level > 0) {
                    statement.setString(i++, database);
                }
            }
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    held.add(rs.getString(1).toUpperCase(Locale.ROOT));
                }
            }
        }
        return held;
    }

    /**
     * MariaDB's grants TO PUBLIC (10.11 and later) apply to every account, but information_schema shows them only
     * to privileged users; SHOW GRANTS FOR PUBLIC shows them to all. False when a grant cannot be read: then the
     * check does not judge.
     */
    private static boolean addPublicGrants(Connection connection, String database, Set<String> held) {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SHOW GRANTS FOR PUBLIC")) {
            while (rs.next()) {
                Matcher grant = PUBLIC_GRANT.matcher(rs.getString(1));
                if (!grant.matches()) {
                    return false;
                }
                if (!grantCovers(grant.group(2), database)) {
                    continue;
                }
                for (String privilege : grant.group(1).split(",")) {
                    // A column-level grant ("UPDATE (`a`)") counts: the check is lenient by design.
                    held.add(privilege.replaceAll("\\(.*", "").trim().toUpperCase(Locale.ROOT));
                }
            }
        } catch (SQLException e) {
            // MySQL and older MariaDB have no PUBLIC
        }
        return true;
    }

    /** Whether a grant's {@code ON} part ({@code *.*}, {@code `db`.*}, {@code `db`.`table`}) covers the database. */
    static boolean grantCovers(String on, String database) {
        if (on.equals("*.*")) {
            return true;
        }
        String pattern;
        if (on.startsWith("`")) {
            StringBuilder name = new StringBuilder();
            int i = 1;
            while (i < on.length()) {
                char c = on.charAt(i);
                if (c == '`') {
                    if (i + 1 < on.length() && on.charAt(i + 1) == '`') {
                        name.append('`');
                        i += 2;
                        continue;
                    }
                    break;
                }
                name.append(c);
                i++;
            }
            pattern = name.toString();
        } else {
            int dot = on.indexOf('.');
            pattern = dot < 0 ? on : on.substring(0, dot);
        }
        // Database grants may use LIKE wildcards, with a backslash to take one literally.
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                regex.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
            } else if (c == '%') {
                regex.append(".*");
            } else if (c == '_') {
                regex.append('.');
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(database).matches();
    }

    /** Which option an error at connect time points at. */
    static ConfigProblem classify(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        int code = e.getErrorCode();
        String message = e.getMessage();
        if (state.startsWith("28") || code == 1045 || code == 1044) {
            return new ConfigProblem(JdbcSinkConfig.CONNECTION_PASSWORD,
                    "the database refused the user name or password: " + message);
        }
        if (state.equals("3D000") || code == 1049) {
            return new ConfigProblem(JdbcSinkConfig.CONNECTION_URL, "the database named in the URL does not exist: " + message);
        }
        return new ConfigProblem(JdbcSinkConfig.CONNECTION_URL, "cannot connect: " + message);
    }
}
