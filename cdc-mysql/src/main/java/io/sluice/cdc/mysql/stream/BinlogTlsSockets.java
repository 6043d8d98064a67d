package io.sluice.cdc.mysql.stream;

import com.github.shyiko.mysql.binlog.network.SSLSocketFactory;
import io.sluice.cdc.mysql.config.ConnectionConfig;
import io.sluice.cdc.mysql.config.ConnectionConfig.SslMode;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * TLS for the binlog connection with the configured trust and key stores (the binlog library alone only knows the
 * JVM's defaults). Host name checks for {@code verify_identity} stay with the library.
 */
final class BinlogTlsSockets implements SSLSocketFactory {

    private final SSLContext context;

    private BinlogTlsSockets(SSLContext context) {
        this.context = context;
    }

    /** A factory for the configured stores, or null when none is configured (the library's defaults apply). */
    static BinlogTlsSockets forConfig(ConnectionConfig config) {
        if (config.sslMode() == SslMode.DISABLED || (config.truststore() == null && config.keystore() == null)) {
            return null;
        }
        try {
            KeyManager[] keyManagers = null;
            if (config.keystore() != null) {
                KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                factory.init(load(config.keystore(), config.keystorePassword()), password(config.keystorePassword()));
                keyManagers = factory.getKeyManagers();
            }
            TrustManager[] trustManagers;
            boolean verify = config.sslMode() == SslMode.VERIFY_CA || config.sslMode() == SslMode.VERIFY_IDENTITY;
            if (!verify) {
                // required/preferred encrypt without checking the server certificate, as MySQL's clients do.
                trustManagers = new TrustManager[] {new AcceptingTrustManager()};
            } else if (config.truststore() != null) {
                TrustManagerFactory factory = TrustManagerFactory.getInstance(
                        TrustManagerFactory.getDefaultAlgorithm());
                factory.init(load(config.truststore(), config.truststorePassword()));
                trustManagers = factory.getTrustManagers();
            } else {
                trustManagers = null;
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers, trustManagers, null);
            return new BinlogTlsSockets(context);
        } catch (GeneralSecurityException | IOException e) {
            throw new ConnectException("Cannot load the TLS trust or key store for the binlog connection: "
                    + e.getMessage(), e);
        }
    }

    private static KeyStore load(String path, String password) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance(path.toLowerCase(java.util.Locale.ROOT).endsWith(".jks") ? "JKS"
                : KeyStore.getDefaultType());
        try (InputStream in = Files.newInputStream(Path.of(path))) {
            store.load(in, password(password));
        }
        return store;
    }

    private static char[] password(String password) {
        return password == null ? null : password.toCharArray();
    }

    @Override
    public SSLSocket createSocket(Socket socket) throws SocketException {
        try {
            return (SSLSocket) context.getSocketFactory().createSocket(socket, socket.getInetAddress().getHostName(),
                    socket.getPort(), true);
        } catch (IOException e) {
            SocketException failure = new SocketException("Cannot start TLS on the binlog connection: "
                    + e.getMessage());
            failure.initCause(e);
            throw failure;
        }
    }

    /** Trusts any server certificate: only for the modes that encrypt without verifying. */
    private static final class AcceptingTrustManager implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
