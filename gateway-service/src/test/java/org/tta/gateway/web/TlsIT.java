package org.tta.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tta.testkit.TtaIntegrationTest;

/**
 * TLS by configuration alone (a Spring SSL bundle), with mutual TLS required for clients: a client
 * without a trusted certificate cannot even complete the handshake.
 */
@TtaIntegrationTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=gateway",
        "server.ssl.bundle=gateway",
        "server.ssl.client-auth=need"})
class TlsIT {

    private static final String PASSWORD = "changeit";
    private static final Path DIR = createCertificates();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void sslBundle(DynamicPropertyRegistry registry) {
        registry.add("spring.ssl.bundle.jks.gateway.keystore.location", () -> DIR.resolve("server.p12").toUri().toString());
        registry.add("spring.ssl.bundle.jks.gateway.keystore.password", () -> PASSWORD);
        registry.add("spring.ssl.bundle.jks.gateway.keystore.type", () -> "PKCS12");
        registry.add("spring.ssl.bundle.jks.gateway.truststore.location", () -> DIR.resolve("server-trust.p12").toUri().toString());
        registry.add("spring.ssl.bundle.jks.gateway.truststore.password", () -> PASSWORD);
        registry.add("spring.ssl.bundle.jks.gateway.truststore.type", () -> "PKCS12");
    }

    @Test
    void servesHttpsToAClientWithATrustedCertificate() throws Exception {
        HttpResponse<String> response = client(true).send(HttpRequest.newBuilder(health()).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Strict-Transport-Security")).isPresent();
    }

    @Test
    void refusesTheHandshakeOfAClientWithoutACertificate() {
        assertThatThrownBy(() -> client(false).send(HttpRequest.newBuilder(health()).build(),
                HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
    }

    private URI health() {
        return URI.create("https://localhost:" + port + "/actuator/health/liveness");
    }

    private static HttpClient client(boolean withCertificate) throws Exception {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(load("client-trust.p12"));
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(load("client.p12"), PASSWORD.toCharArray());
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(withCertificate ? keys.getKeyManagers() : null, trust.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(ssl).build();
    }

    private static KeyStore load(String name) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(DIR.resolve(name))) {
            store.load(in, PASSWORD.toCharArray());
        }
        return store;
    }

    /** A server and a client key pair, each trusted by the other side, made with the JDK's keytool. */
    private static Path createCertificates() {
        try {
            Path dir = Files.createTempDirectory("tta-tls");
            dir.toFile().deleteOnExit();
            keyPair(dir, "server", "CN=localhost", "SAN=dns:localhost,ip:127.0.0.1");
            keyPair(dir, "client", "CN=narrative-engine", null);
            trust(dir, "server", "client-trust.p12");
            trust(dir, "client", "server-trust.p12");
            return dir;
        } catch (Exception e) {
            throw new IllegalStateException("could not create test certificates", e);
        }
    }

    private static void keyPair(Path dir, String alias, String dname, String san) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(keytool(), "-genkeypair", "-alias", alias,
                "-keyalg", "RSA", "-keysize", "2048", "-dname", dname, "-validity", "2",
                "-keystore", dir.resolve(alias + ".p12").toString(), "-storetype", "PKCS12", "-storepass", PASSWORD));
        if (san != null) {
            command.addAll(List.of("-ext", san));
        }
        run(command);
        run(List.of(keytool(), "-exportcert", "-alias", alias, "-keystore", dir.resolve(alias + ".p12").toString(),
                "-storepass", PASSWORD, "-file", dir.resolve(alias + ".crt").toString()));
    }

    private static void trust(Path dir, String alias, String store) throws Exception {
        run(List.of(keytool(), "-importcert", "-noprompt", "-alias", alias, "-file", dir.resolve(alias + ".crt").toString(),
                "-keystore", dir.resolve(store).toString(), "-storetype", "PKCS12", "-storepass", PASSWORD));
    }

    private static void run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
    }

    private static String keytool() {
        return Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    }
}
