package io.sluice.cdc.postgres.config;

import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.types.Password;
import org.postgresql.PGProperty;

/** How to reach the database: host, credentials and TLS. */
public final class ConnectionConfig {

    public static final String GROUP = "Connection";
    public static final String HOSTNAME = "database.hostname";
    public static final String PORT = "database.port";
    public static final String USER = "database.user";
    public static final String PASSWORD = "database.password";
    public static final String DBNAME = "database.dbname";
    public static final String SSLMODE = "database.sslmode";
    public static final String SSLCERT = "database.sslcert";
    public static final String SSLKEY = "database.sslkey";
    public static final String SSLPASSWORD = "database.sslpassword";
    public static final String SSLROOTCERT = "database.sslrootcert";
    public static final String CONNECT_TIMEOUT_MS = "database.connect.timeout.ms";
    /** Prefix of pass-through PgJDBC connection properties, as Debezium's. */
    public static final String DRIVER_PREFIX = "driver.";

    static void define(ConfigDef def) {
        int order = 0;
        def.define(HOSTNAME, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(), Importance.HIGH,
                        "Host name or IP address of the PostgreSQL server.", GROUP, ++order, ConfigDef.Width.MEDIUM, "Host")
                .define(PORT, Type.INT, 5432, ConfigDef.Range.between(1, 65535), Importance.HIGH,
                        "TCP port of the PostgreSQL server.", GROUP, ++order, ConfigDef.Width.SHORT, "Port")
                .define(USER, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(), Importance.HIGH,
                        "Database role to connect as. It needs LOGIN and REPLICATION, SELECT on the captured tables, "
                                + "and CREATE on the database if the connector creates the publication.",
                        GROUP, ++order, ConfigDef.Width.MEDIUM, "User")
                .define(PASSWORD, Type.PASSWORD, null, Importance.HIGH,
                        "Password of the database role. Never logged.", GROUP, ++order, ConfigDef.Width.MEDIUM, "Password")
                .define(DBNAME, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(), Importance.HIGH,
                        "Name of the database to capture. A replication slot belongs to one database.",
                        GROUP, ++order, ConfigDef.Width.MEDIUM, "Database")
                .define(SSLMODE, Type.STRING, "prefer",
                        ConfigDef.ValidString.in("disable", "allow", "prefer", "require", "verify-ca", "verify-full"),
                        Importance.MEDIUM,
                        "TLS mode for the connections: disable, allow, prefer (default), require, verify-ca or verify-full.",
                        GROUP, ++order, ConfigDef.Width.SHORT, "SSL mode")
                .define(SSLCERT, Type.STRING, null, Importance.LOW,
                        "File with the client's TLS certificate (PEM).", GROUP, ++order, ConfigDef.Width.LONG, "SSL cert")
                .define(SSLKEY, Type.STRING, null, Importance.LOW,
                        "File with the client's TLS private key (PKCS-8 DER or PEM).", GROUP, ++order, ConfigDef.Width.LONG, "SSL key")
                .define(SSLPASSWORD, Type.PASSWORD, null, Importance.LOW,
                        "Password of the client's private key, if it has one.", GROUP, ++order, ConfigDef.Width.MEDIUM, "SSL key password")
                .define(SSLROOTCERT, Type.STRING, null, Importance.LOW,
                        "File with the root certificate(s) the server's certificate is checked against.",
                        GROUP, ++order, ConfigDef.Width.LONG, "SSL root cert")
                .define(CONNECT_TIMEOUT_MS, Type.INT, 30_000, ConfigDef.Range.atLeast(1000), Importance.LOW,
                        "How long to wait for a connection to the server, in milliseconds.",
                        GROUP, ++order, ConfigDef.Width.SHORT, "Connect timeout");
    }

    private final String hostname;
    private final int port;
    private final String user;
    private final Password password;
    private final String dbname;
    private final String sslmode;
    private final String sslcert;
    private final String sslkey;
    private final Password sslpassword;
    private final String sslrootcert;
    private final int connectTimeoutMs;
    private final Map<String, Object> driverProperties;

    ConnectionConfig(AbstractConfig config) {
        this.hostname = config.getString(HOSTNAME);
        this.port = config.getInt(PORT);
        this.user = config.getString(USER);
        this.password = config.getPassword(PASSWORD);
        this.dbname = config.getString(DBNAME);
        this.sslmode = config.getString(SSLMODE);
        this.sslcert = config.getString(SSLCERT);
        this.sslkey = config.getString(SSLKEY);
        this.sslpassword = config.getPassword(SSLPASSWORD);
        this.sslrootcert = config.getString(SSLROOTCERT);
        this.connectTimeoutMs = config.getInt(CONNECT_TIMEOUT_MS);
        this.driverProperties = config.originalsWithPrefix(DRIVER_PREFIX);
    }

    public String hostname() {
        return hostname;
    }

    public int port() {
        return port;
    }

    public String user() {
        return user;
    }

    public String dbname() {
        return dbname;
    }

    /** The JDBC URL, without credentials. */
    public String url() {
        String host = hostname.contains(":") && !hostname.startsWith("[") ? "[" + hostname + "]" : hostname;
        return "jdbc:postgresql://" + host + ":" + port + "/";
    }

    /**
     * Properties of an ordinary SQL session. The {@code driver.*} pass-through properties come first, so that
     * the settings the connector depends on (below) win over them; {@code driver.options=-c name=value} sets
     * server parameters of both sessions, such as {@code logical_decoding_work_mem}.
     */
    public Properties sqlProperties(String applicationName) {
        Properties props = new Properties();
        driverProperties.forEach((name, value) -> props.setProperty(name, String.valueOf(value)));
        PGProperty.PG_DBNAME.set(props, dbname);
        PGProperty.USER.set(props, user);
        if (password != null) {
            PGProperty.PASSWORD.set(props, password.value());
        }
        PGProperty.SSL_MODE.set(props, sslmode);
        if (sslcert != null) {
            PGProperty.SSL_CERT.set(props, sslcert);
        }
        if (sslkey != null) {
            PGProperty.SSL_KEY.set(props, sslkey);
        }
        if (sslpassword != null) {
            PGProperty.SSL_PASSWORD.set(props, sslpassword.value());
        }
        if (sslrootcert != null) {
            PGProperty.SSL_ROOT_CERT.set(props, sslrootcert);
        }
        PGProperty.CONNECT_TIMEOUT.set(props, Math.max(1, connectTimeoutMs / 1000));
        PGProperty.APPLICATION_NAME.set(props, applicationName);
        // Values are read as the server's text output, the same form pgoutput sends.
        PGProperty.BINARY_TRANSFER.set(props, false);
        return props;
    }

    /** Properties of a walsender (replication protocol) session. */
    public Properties replicationProperties(String applicationName) {
        Properties props = sqlProperties(applicationName);
        PGProperty.REPLICATION.set(props, "database");
        PGProperty.ASSUME_MIN_SERVER_VERSION.set(props, "10");
        PGProperty.PREFER_QUERY_MODE.set(props, "simple");
        return props;
    }
}
