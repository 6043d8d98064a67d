package io.sluice.jdbc.sink.config;

import io.sluice.jdbc.sink.dialect.Dialects;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Connects once with the given options and says what is wrong, on the option to change: an unreachable or
 * malformed URL, bad credentials, an unknown database, or a missing privilege to create tables.
 */
public final class ConnectionCheck {

    private static final int TIMEOUT_SECONDS = 10;

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
