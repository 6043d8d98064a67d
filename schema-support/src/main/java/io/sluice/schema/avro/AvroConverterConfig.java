package io.sluice.schema.avro;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/** The settings of {@link AvroConverter}, named as Confluent's Avro converter names them. */
public final class AvroConverterConfig extends AbstractConfig {

    public static final String SCHEMA_REGISTRY_URL_CONFIG = "schema.registry.url";
    public static final String AUTO_REGISTER_SCHEMAS_CONFIG = "auto.register.schemas";
    public static final String USE_LATEST_VERSION_CONFIG = "use.latest.version";
    public static final String KEY_SUBJECT_NAME_STRATEGY_CONFIG = "key.subject.name.strategy";
    public static final String VALUE_SUBJECT_NAME_STRATEGY_CONFIG = "value.subject.name.strategy";
    public static final String BASIC_AUTH_CREDENTIALS_SOURCE_CONFIG = "basic.auth.credentials.source";
    public static final String BASIC_AUTH_USER_INFO_CONFIG = "basic.auth.user.info";
    public static final String BEARER_AUTH_CREDENTIALS_SOURCE_CONFIG = "bearer.auth.credentials.source";
    public static final String BEARER_AUTH_TOKEN_CONFIG = "bearer.auth.token";
    public static final String SSL_TRUSTSTORE_LOCATION_CONFIG = "schema.registry.ssl.truststore.location";
    public static final String SSL_TRUSTSTORE_PASSWORD_CONFIG = "schema.registry.ssl.truststore.password";
    public static final String SSL_TRUSTSTORE_TYPE_CONFIG = "schema.registry.ssl.truststore.type";
    public static final String SSL_KEYSTORE_LOCATION_CONFIG = "schema.registry.ssl.keystore.location";
    public static final String SSL_KEYSTORE_PASSWORD_CONFIG = "schema.registry.ssl.keystore.password";
    public static final String SSL_KEYSTORE_TYPE_CONFIG = "schema.registry.ssl.keystore.type";
    public static final String SSL_KEY_PASSWORD_CONFIG = "schema.registry.ssl.key.password";
    public static final String HTTP_CONNECT_TIMEOUT_MS_CONFIG = "http.connect.timeout.ms";
    public static final String HTTP_READ_TIMEOUT_MS_CONFIG = "http.read.timeout.ms";
    public static final String SCHEMAS_CACHE_SIZE_CONFIG = "schemas.cache.config";
    public static final String CONNECT_META_DATA_CONFIG = "connect.meta.data";

    private static final String GROUP_REGISTRY = "Schema registry";
    private static final String GROUP_SUBJECTS = "Subjects";
    private static final String GROUP_SECURITY = "Security";

    public static final ConfigDef CONFIG_DEF = configDef();

    public AvroConverterConfig(Map<?, ?> originals) {
        super(CONFIG_DEF, originals);
    }

    private static ConfigDef configDef() {
        int order = 0;
        ConfigDef def = new ConfigDef()
                .define(SCHEMA_REGISTRY_URL_CONFIG, ConfigDef.Type.LIST, ConfigDef.NO_DEFAULT_VALUE,
                        new ConfigDef.NonEmptyString() {
                            @Override
                            public void ensureValid(String name, Object value) {
                                List<?> urls = (List<?>) value;
                                if (urls == null || urls.isEmpty()) {
                                    throw new ConfigException(name, value, "Give at least one schema registry URL");
                                }
                                for (Object url : urls) {
                                    String text = url.toString();
                                    if (!text.startsWith("http://") && !text.startsWith("https://")) {
                                        throw new ConfigException(name, value, "'" + text + "' is not an http(s) URL");
                                    }
                                }
                            }

                            @Override
                            public String toString() {
                                return "comma-separated http(s) URLs";
                            }
                        },
                        ConfigDef.Importance.HIGH,
                        "Comma-separated base URLs of a Confluent-compatible schema registry, e.g. "
                                + "http://registry:8081 or, for Apicurio Registry, http://apicurio:8080/apis/ccompat/v7. "
                                + "Requests fail over to the next URL when one cannot be reached or answers 5xx.",
                        GROUP_REGISTRY, ++order, ConfigDef.Width.LONG, "Registry URLs")
                .define(AUTO_REGISTER_SCHEMAS_CONFIG, ConfigDef.Type.BOOLEAN, true, ConfigDef.Importance.MEDIUM,
                        "Register schemas the registry does not know yet. With false, writing a record whose schema "
                                + "is not registered under its subject fails.",
                        GROUP_SUBJECTS, ++order, ConfigDef.Width.SHORT, "Auto-register schemas")
                .define(USE_LATEST_VERSION_CONFIG, ConfigDef.Type.BOOLEAN, false, ConfigDef.Importance.LOW,
                        "Write records in the latest schema registered under the subject instead of registering "
                                + "their own (only when auto.register.schemas=false). Record fields are matched by name; "
                                + "fields of the registered schema the record lacks must default to null.",
                        GROUP_SUBJECTS, ++order, ConfigDef.Width.SHORT, "Use latest version")
                .define(KEY_SUBJECT_NAME_STRATEGY_CONFIG, ConfigDef.Type.STRING,
                        SubjectNameStrategy.TOPIC_NAME.shortName(), SubjectNameStrategy.validator(),
                        ConfigDef.Importance.LOW,
                        "How key subjects are named: TopicNameStrategy (<topic>-key), RecordNameStrategy (the record's "
                                + "full name) or TopicRecordNameStrategy (<topic>-<record full name>). Confluent's "
                                + "class names are accepted too.",
                        GROUP_SUBJECTS, ++order, ConfigDef.Width.MEDIUM, "Key subject names")
                .define(VALUE_SUBJECT_NAME_STRATEGY_CONFIG, ConfigDef.Type.STRING,
                        SubjectNameStrategy.TOPIC_NAME.shortName(), SubjectNameStrategy.validator(),
                        ConfigDef.Importance.LOW,
                        "How value subjects are named: TopicNameStrategy (<topic>-value), RecordNameStrategy or "
                                + "TopicRecordNameStrategy.",
                        GROUP_SUBJECTS, ++order, ConfigDef.Width.MEDIUM, "Value subject names")
                .define(SCHEMAS_CACHE_SIZE_CONFIG, ConfigDef.Type.INT, 1000, ConfigDef.Range.atLeast(1),
                        ConfigDef.Importance.LOW,
                        "How many Connect schemas and schema ids the converter keeps translated in memory.",
                        GROUP_SUBJECTS, ++order, ConfigDef.Width.SHORT, "Schema cache size")
                .define(CONNECT_META_DATA_CONFIG, ConfigDef.Type.BOOLEAN, true, ConfigDef.Importance.LOW,
                        "Keep Connect's schema names, versions, docs and parameters in connect.* properties of the "
                                + "Avro schema, so that readers get back the same Connect schema.",
                        GROUP_SUBJECTS, ++order, ConfigDef.Width.SHORT, "Connect metadata")
                .define(HTTP_CONNECT_TIMEOUT_MS_CONFIG, ConfigDef.Type.INT, 10_000, ConfigDef.Range.atLeast(1),
                        ConfigDef.Importance.LOW, "How long to wait for a connection to a registry URL, in milliseconds.",
                        GROUP_REGISTRY, ++order, ConfigDef.Width.SHORT, "Connect timeout")
                .define(HTTP_READ_TIMEOUT_MS_CONFIG, ConfigDef.Type.INT, 30_000, ConfigDef.Range.atLeast(1),
                        ConfigDef.Importance.LOW, "How long to wait for a registry's answer, in milliseconds.",
                        GROUP_REGISTRY, ++order, ConfigDef.Width.SHORT, "Read timeout")
                .define(BASIC_AUTH_CREDENTIALS_SOURCE_CONFIG, ConfigDef.Type.STRING, "URL",
                        ConfigDef.CaseInsensitiveValidString.in("URL", "USER_INFO"), ConfigDef.Importance.MEDIUM,
                        "Where HTTP basic credentials come from: URL (user:password@ in schema.registry.url) or "
                                + "USER_INFO (basic.auth.user.info).",
                        GROUP_SECURITY, ++order, ConfigDef.Width.SHORT, "Basic auth source")
                .define(BASIC_AUTH_USER_INFO_CONFIG, ConfigDef.Type.PASSWORD, null, ConfigDef.Importance.MEDIUM,
                        "user:password for HTTP basic authentication when basic.auth.credentials.source=USER_INFO.",
                        GROUP_SECURITY, ++order, ConfigDef.Width.MEDIUM, "Basic auth user info")
                .define(BEARER_AUTH_CREDENTIALS_SOURCE_CONFIG, ConfigDef.Type.STRING, "STATIC_TOKEN",
                        ConfigDef.CaseInsensitiveValidString.in("STATIC_TOKEN"), ConfigDef.Importance.LOW,
                        "Where the bearer token comes from: STATIC_TOKEN (bearer.auth.token).",
                        GROUP_SECURITY, ++order, ConfigDef.Width.SHORT, "Bearer auth source")
                .define(BEARER_AUTH_TOKEN_CONFIG, ConfigDef.Type.PASSWORD, null, ConfigDef.Importance.MEDIUM,
                        "A bearer token sent as 'Authorization: Bearer <token>'; takes precedence over basic "
                                + "credentials.",
                        GROUP_SECURITY, ++order, ConfigDef.Width.MEDIUM, "Bearer token")
                .define(SSL_TRUSTSTORE_LOCATION_CONFIG, ConfigDef.Type.STRING, null, ConfigDef.Importance.LOW,
                        "Trust store file for https registry URLs; the JVM's trusted CAs when empty.",
                        GROUP_SECURITY, ++order, ConfigDef.Width.LONG, "Trust store")
                .define(SSL_TRUSTSTORE_PASSWORD_CONFIG, ConfigDef.Type.PASSWORD, null, ConfigDef.Importance.LOW,
                        "Password of the trust store.", GROUP_SECURITY, ++order, ConfigDef.Width.MEDIUM,
                        "Trust store password")
                .define(SSL_TRUSTSTORE_TYPE_CONFIG, ConfigDef.Type.STRING, "PKCS12",
                        ConfigDef.CaseInsensitiveValidString.in("PKCS12", "JKS"), ConfigDef.Importance.LOW,
                        "Format of the trust store.", GROUP_SECURITY, ++order, ConfigDef.Width.SHORT,
                        "Trust store type")
                .define(SSL_KEYSTORE_LOCATION_CONFIG, ConfigDef.Type.STRING, null, ConfigDef.Importance.LOW,
                        "Key store file holding a client certificate, for registries that require mutual TLS.",
                        GROUP_SECURITY, ++order, ConfigDef.Width.LONG, "Key store")
                .define(SSL_KEYSTORE_PASSWORD_CONFIG, ConfigDef.Type.PASSWORD, null, ConfigDef.Importance.LOW,
                        "Password of the key store.", GROUP_SECURITY, ++order, ConfigDef.Width.MEDIUM,
                        "Key store password")
                .define(SSL_KEYSTORE_TYPE_CONFIG, ConfigDef.Type.STRING, "PKCS12",
                        ConfigDef.CaseInsensitiveValidString.in("PKCS12", "JKS"), ConfigDef.Importance.LOW,
                        "Format of the key store.", GROUP_SECURITY, ++order, ConfigDef.Width.SHORT, "Key store type")
                .define(SSL_KEY_PASSWORD_CONFIG, ConfigDef.Type.PASSWORD, null, ConfigDef.Importance.LOW,
                        "Password of the private key in the key store, when it differs from the store's.",
                        GROUP_SECURITY, ++order, ConfigDef.Width.MEDIUM, "Key password");
        return def;
    }

    /** The registry URLs without any user:password part. */
    public List<String> registryUrls() {
        List<String> urls = new ArrayList<>();
        for (String url : getList(SCHEMA_REGISTRY_URL_CONFIG)) {
            URI uri = URI.create(url.trim());
            if (uri.getUserInfo() == null) {
                urls.add(url.trim());
            } else {
                urls.add(uri.getScheme() + "://" + uri.getRawAuthority().substring(uri.getRawUserInfo().length() + 1)
                        + (uri.getRawPath() == null ? "" : uri.getRawPath()));
            }
        }
        return urls;
    }

    /** The Authorization header value, or null when no credentials are configured. */
    public String authorization() {
        Password token = getPassword(BEARER_AUTH_TOKEN_CONFIG);
        if (token != null && !token.value().isEmpty()) {
            return "Bearer " + token.value();
        }
        String userInfo = null;
        if ("USER_INFO".equalsIgnoreCase(getString(BASIC_AUTH_CREDENTIALS_SOURCE_CONFIG))) {
            Password info = getPassword(BASIC_AUTH_USER_INFO_CONFIG);
            if (info == null || info.value().isEmpty()) {
                throw new ConfigException(BASIC_AUTH_USER_INFO_CONFIG + " must be set when "
                        + BASIC_AUTH_CREDENTIALS_SOURCE_CONFIG + "=USER_INFO");
            }
            userInfo = info.value();
        } else {
            for (String url : getList(SCHEMA_REGISTRY_URL_CONFIG)) {
                String info = URI.create(url.trim()).getUserInfo();
                if (info != null) {
                    userInfo = info;
                    break;
                }
            }
        }
        if (userInfo == null) {
            return null;
        }
        return "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
    }

    /** The TLS context for https URLs, or null for the JVM defaults. */
    public SSLContext sslContext() {
        String trustStore = getString(SSL_TRUSTSTORE_LOCATION_CONFIG);
        String keyStore = getString(SSL_KEYSTORE_LOCATION_CONFIG);
        if ((trustStore == null || trustStore.isEmpty()) && (keyStore == null || keyStore.isEmpty())) {
            return null;
        }
        try {
            TrustManagerFactory trust = null;
            if (trustStore != null && !trustStore.isEmpty()) {
                KeyStore store = load(trustStore, getString(SSL_TRUSTSTORE_TYPE_CONFIG),
                        getPassword(SSL_TRUSTSTORE_PASSWORD_CONFIG), SSL_TRUSTSTORE_LOCATION_CONFIG);
                trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trust.init(store);
            }
            KeyManagerFactory keys = null;
            if (keyStore != null && !keyStore.isEmpty()) {
                Password storePassword = getPassword(SSL_KEYSTORE_PASSWORD_CONFIG);
                KeyStore store = load(keyStore, getString(SSL_KEYSTORE_TYPE_CONFIG), storePassword,
                        SSL_KEYSTORE_LOCATION_CONFIG);
                Password keyPassword = getPassword(SSL_KEY_PASSWORD_CONFIG);
                Password password = keyPassword != null ? keyPassword : storePassword;
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(store, password == null ? new char[0] : password.value().toCharArray());
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys == null ? null : keys.getKeyManagers(), trust == null ? null : trust.getTrustManagers(),
                    null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new ConfigException("Cannot set up TLS for the schema registry: " + e.getMessage());
        }
    }

    private static KeyStore load(String location, String type, Password password, String key)
            throws GeneralSecurityException {
        try (InputStream in = Files.newInputStream(Path.of(location))) {
            KeyStore store = KeyStore.getInstance(type);
            store.load(in, password == null ? null : password.value().toCharArray());
            return store;
        } catch (IOException e) {
            throw new ConfigException(key, location, "Cannot read the store: " + e.getMessage());
        }
    }

    public Duration connectTimeout() {
        return Duration.ofMillis(getInt(HTTP_CONNECT_TIMEOUT_MS_CONFIG));
    }

    public Duration readTimeout() {
        return Duration.ofMillis(getInt(HTTP_READ_TIMEOUT_MS_CONFIG));
    }

    public SubjectNameStrategy subjectNameStrategy(boolean isKey) {
        return SubjectNameStrategy.parse(getString(isKey ? KEY_SUBJECT_NAME_STRATEGY_CONFIG
                : VALUE_SUBJECT_NAME_STRATEGY_CONFIG));
    }
}
