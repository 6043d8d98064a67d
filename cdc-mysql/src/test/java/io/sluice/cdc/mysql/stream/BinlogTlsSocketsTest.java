package io.sluice.cdc.mysql.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.cdc.mysql.config.MySqlConnectorConfig;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BinlogTlsSocketsTest {

    private static MySqlConnectorConfig config(String sslMode, String truststore) {
        Map<String, String> props = new HashMap<>();
        props.put("database.hostname", "db");
        props.put("database.user", "cdc");
        props.put("topic.prefix", "p");
        props.put("database.ssl.mode", sslMode);
        if (truststore != null) {
            props.put("database.ssl.truststore", truststore);
            props.put("database.ssl.truststore.password", "changeit");
        }
        return new MySqlConnectorConfig(props);
    }

    @Test
    void withoutStoresTheLibraryDefaultsApply() {
        assertThat(BinlogTlsSockets.forConfig(config("verify_ca", null).connection())).isNull();
        assertThat(BinlogTlsSockets.forConfig(config("disabled", "/nowhere.p12").connection())).isNull();
    }

    @Test
    void loadsTheConfiguredTrustStoreAndNamesAMissingOne(@TempDir Path dir) throws Exception {
        Path store = dir.resolve("trust.p12");
        KeyStore empty = KeyStore.getInstance("PKCS12");
        empty.load(null, null);
        try (OutputStream out = Files.newOutputStream(store)) {
            empty.store(out, "changeit".toCharArray());
        }
        assertThat(BinlogTlsSockets.forConfig(config("verify_ca", store.toString()).connection())).isNotNull();
        assertThatThrownBy(() -> BinlogTlsSockets.forConfig(config("verify_ca", dir.resolve("missing.p12")
                .toString()).connection())).isInstanceOf(ConnectException.class).hasMessageContaining("trust");
    }
}
