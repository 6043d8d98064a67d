package io.sluice.cdc.mysql.config;

import java.util.Locale;
import java.util.Properties;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.types.Password;

/** Where the server is, who we are to it, and how the JDBC and binlog connections are secured. */
public final class ConnectionConfig {

    public static final String GROUP = "Connection";

    public static final String HOSTNAME_CONFIG = "database.hostname";
    public static final String PORT_CONFIG = "database.port";
    public static final String USER_CONFIG = "database.user";
    public static final String PASSWORD_CONFIG = "database.password";
    public static final String SERVER_ID_CONFIG = "database.server.id";
    public static final String SSL_MODE_CONFIG = "database.ssl.mode";
    public static final String SSL_TRUSTSTORE_CONFIG = "database.ssl.truststore";
    public static final String SSL_TRUSTSTORE_PASSWORD_CONFIG = "database.ssl.truststore.password";
    public static final String SSL_KEYSTORE_CONFIG = "database.ssl.keystore";
    public static final String SSL_KEYSTORE_PASSWORD_CONFIG = "database.ssl.keystore.password";
    public static final String CONNECT_TIMEOUT_CONFIG = "connect.timeout.ms";

    /** The range the default server id is taken from; keep real replicas' ids outside it. */
    public static final long SERVER_ID_RANGE_START = 5400;
    public static final long SERVER_ID_RANGE_END = 6400;

    /** How the connections are encrypted, in the words of MySQL's {@code --ssl-mode}. */
    public enum SslMode {
        DISABLED, PREFERRED, REQUIRED, VERIFY_CA, VERIFY_IDENTITY;

        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static SslMode parse(String value) {
            return SslMode.valueOf(value.trim().toUpperCase(Locale.ROOT));
        }
    }

    private final String hostname;
    private final int port;
    private final String user;
    private final Password password;
    private final long serverId;
    private final SslMode sslMode;
    private final String truststore;
    private final Password truststorePassword;
    private final String keystore;
    private final Password keystorePassword;
    private final int connectTimeoutMs;

    ConnectionConfig(AbstractConfig config, String topicPrefix) {
        this.hostname = config.getString(HOSTNAME_CONFIG);
        this.port = config.getInt(PORT_CONFIG);
        this.user = config.getString(USER_CONFIG);
        this.password = config.getPassword(PASSWORD_CONFIG);
        Long configuredId = config.getLong(SERVER_ID_CONFIG);
        this.serverId = configuredId != null ? configuredId : defaultServerId(topicPrefix);
        this.sslMode = SslMode.parse(config.getString(SSL_MODE_CONFIG));
        this.truststore = config.getString(SSL_TRUSTSTORE_CONFIG);
        this.truststorePassword = config.getPassword(SSL_TRUSTSTORE_PASSWORD_CONFIG);
        this.keystore = config.getString(SSL_KEYSTORE_CONFIG);
        this.keystorePassword = config.getPassword(SSL_KEYSTORE_PASSWORD_CONFIG);
        this.connectTimeoutMs = config.getInt(CONNECT_TIMEOUT_CONFIG);
    }

    static void define(ConfigDef def) {
        int order = 0;
        def.define(HOSTNAME_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
                        Importance.HIGH, "IP address or hostname of the MySQL or MariaDB server.",
                        GROUP, ++order, Width.MEDIUM, "Hostname")
                .define(PORT_CONFIG, Type.INT, 3306, ConfigDef.Range.between(1, 65535), Importance.HIGH,
                        "TCP port of the server.", GROUP, ++order, Width.SHORT, "Port")
                .define(USER_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
                        Importance.HIGH, "User the connector logs in as. It needs SELECT, RELOAD, SHOW DATABASES, "
                                + "REPLICATION SLAVE and REPLICATION CLIENT (MariaDB: BINLOG MONITOR) on *.*.",
                        GROUP, ++order, Width.MEDIUM, "User")
                .define(PASSWORD_CONFIG, Type.PASSWORD, null, Importance.HIGH,
                        "Password of database.user.", GROUP, ++order, Width.MEDIUM, "Password")
                .define(SERVER_ID_CONFIG, Type.LONG, null, ConfigDef.LambdaValidator.with((name, value) -> {
                    if (value != null && ((Long) value < 1 || (Long) value > 4294967295L)) {
                        throw new org.apache.kafka.common.config.ConfigException(name, value,
                                "must be between 1 and 4294967295");
                    }
                }, () -> "[1,...,4294967295] or empty"), Importance.HIGH,
                        "Replica server id the connector uses when it reads the binlog. It must differ from the id "
                                + "of the server and of every other replica or binlog reader of that server, or the "
                                + "server disconnects one of them. Empty (the default) picks a stable id between "
                                + SERVER_ID_RANGE_START + " and " + SERVER_ID_RANGE_END
                                + " derived from topic.prefix; keep your replicas' ids outside that range.",
                        GROUP, ++order, Width.SHORT, "Server id")
                .define(SSL_MODE_CONFIG, Type.STRING, SslMode.PREFERRED.value(),
                        ConfigDef.CaseInsensitiveValidString.in("disabled", "preferred", "required", "verify_ca",
                                "verify_identity"),
                        Importance.MEDIUM, "Whether to encrypt the connections: 'disabled' (never), 'preferred' "
                                + "(when the server offers TLS), 'required' (always, without checking the "
                                + "certificate), 'verify_ca' (always, and the server certificate must be signed by "
                                + "a CA of the trust store), 'verify_identity' (as verify_ca, and the certificate "
                                + "must name database.hostname).",
                        GROUP, ++order, Width.SHORT, "SSL mode")
                .define(SSL_TRUSTSTORE_CONFIG, Type.STRING, null, Importance.LOW,
                        "Path of the trust store (JKS or PKCS12) with the CA certificates that verify the server; "
                                + "empty uses the JVM's default trust store.",
                        GROUP, ++order, Width.LONG, "Trust store")
                .define(SSL_TRUSTSTORE_PASSWORD_CONFIG, Type.PASSWORD, null, Importance.LOW,
                        "Password of the trust store.", GROUP, ++order, Width.MEDIUM, "Trust store password")
                .define(SSL_KEYSTORE_CONFIG, Type.STRING, null, Importance.LOW,
                        "Path of the key store (JKS or PKCS12) with the client certificate, when the server "
                                + "requires one.",
                        GROUP, ++order, Width.LONG, "Key store")
                .define(SSL_KEYSTORE_PASSWORD_CONFIG, Type.PASSWORD, null, Importance.LOW,
                        "Password of the key store.", GROUP, ++order, Width.MEDIUM, "Key store password")
                .define(CONNECT_TIMEOUT_CONFIG, Type.INT, 30_000, ConfigDef.Range.atLeast(1), Importance.LOW,
                        "How long to wait for the server when connecting, in milliseconds.",
                        GROUP, ++order, Width.SHORT, "Connect timeout");
    }

    /** The server id derived from the topic prefix: stable across restarts, spread over the documented range. */
    public static long defaultServerId(String topicPrefix) {
        long span = SERVER_ID_RANGE_END - SERVER_ID_RANGE_START + 1;
        return SERVER_ID_RANGE_START + Math.floorMod((long) topicPrefix.hashCode() * 31 + 7, span);
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

    /** The password in clear, or null; never log it. */
    public String password() {
        return password == null ? null : password.value();
    }

    public long serverId() {
        return serverId;
    }

    public SslMode sslMode() {
        return sslMode;
    }

    public String truststore() {
        return truststore;
    }

    public String keystore() {
        return keystore;
    }

    /** The trust store password in clear, or null; never log it. */
    public String truststorePassword() {
        return truststorePassword == null ? null : truststorePassword.value();
    }

    /** The key store password in clear, or null; never log it. */
    public String keystorePassword() {
        return keystorePassword == null ? null : keystorePassword.value();
    }

    public int connectTimeoutMs() {
        return connectTimeoutMs;
    }

    /** {@code jdbc:mariadb://host:port/} for the MariaDB driver, which speaks to MySQL as well. */
    public String jdbcUrl() {
        return "jdbc:mariadb://" + hostname + ":" + port + "/";
    }

    /** The JDBC connection properties: credentials, TLS, timeouts, and values sent as the server stores them. */
    public Properties jdbcProperties() {
        Properties props = new Properties();
        props.setProperty("user", user);
        if (password != null) {
            props.setProperty("password", password.value());
        }
        props.setProperty("connectTimeout", Integer.toString(connectTimeoutMs));
        props.setProperty("permitMysqlScheme", "true");
        // Values as the server describes them: TINYINT(1) and YEAR are numbers, not booleans and dates.
        props.setProperty("tinyInt1isBit", "false");
        props.setProperty("yearIsDateType", "false");
        // Read TIMESTAMP columns in UTC, so that the session time zone cannot shift them.
        props.setProperty("connectionTimeZone", "UTC");
        props.setProperty("forceConnectionTimeZoneToSession", "true");
        props.setProperty("sslMode", switch (sslMode) {
            case DISABLED -> "disable";
            // The MariaDB driver has no "TLS when offered": preferred stays plain on the JDBC side.
            case PREFERRED -> "disable";
            case REQUIRED -> "trust";
            case VERIFY_CA -> "verify-ca";
            case VERIFY_IDENTITY -> "verify-full";
        });
        if (truststore != null) {
            props.setProperty("trustStore", truststore);
            if (truststorePassword != null) {
                props.setProperty("trustStorePassword", truststorePassword.value());
            }
        }
        if (keystore != null) {
            props.setProperty("keyStore", keystore);
            if (keystorePassword != null) {
                props.setProperty("keyStorePassword", keystorePassword.value());
            }
        }
        return props;
    }
}
