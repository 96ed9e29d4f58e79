package org.tta.devissuer;

import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A tiny OIDC issuer (discovery, JWKS, optional {@code /dev/token}) on loopback, for the standalone run and tests only.
 * Thread-safe; the RSA key lives as long as the instance and is never persisted.
 */
public final class DevIssuer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DevIssuer.class);
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final DevIssuerSettings settings;
    private final SigningKeys keys;
    private final HttpServer server;
    private final ThreadPoolExecutor executor;
    private final URI issuerUri;
    private final AtomicBoolean closed = new AtomicBoolean();

    private DevIssuer(DevIssuerSettings settings, SigningKeys keys, HttpServer server, ThreadPoolExecutor executor) {
        this.settings = settings;
        this.keys = keys;
        this.server = server;
        this.executor = executor;
        this.issuerUri = URI.create("http://" + uriHost(settings.host()) + ":" + server.getAddress().getPort());
    }

    /** Generates a key, binds the HTTP server to the loopback address {@code settings.host()} names, and serves. */
    public static DevIssuer start(DevIssuerSettings settings) {
        InetSocketAddress address = new InetSocketAddress(loopback(settings.host()), settings.port());
        HttpServer server;
        try {
            server = HttpServer.create(address, 50);
        } catch (IOException e) {
            throw new UncheckedIOException("Dev issuer cannot listen on " + address
                    + (settings.port() == 0 ? "" : " (is the port in use? choose another one or 0)"), e);
        }
        // Small and bounded: this serves a handful of discovery/JWKS fetches. When full, the dispatcher thread
        // runs the request itself, which slows accepting instead of dropping connections.
        ThreadPoolExecutor executor = new ThreadPoolExecutor(2, 2, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(64), daemonThreads(), new ThreadPoolExecutor.CallerRunsPolicy());
        executor.allowCoreThreadTimeOut(true);
        server.setExecutor(executor);
        DevIssuer issuer = new DevIssuer(settings, SigningKeys.generate(), server, executor);
        server.createContext("/", new IssuerEndpoints(issuer, issuer.keys));
        server.start();
        issuer.logStart();
        return issuer;
    }

    public URI issuerUri() {
        return issuerUri;
    }

    public URI jwksUri() {
        return URI.create(issuerUri + IssuerEndpoints.JWKS_PATH);
    }

    public DevIssuerSettings settings() {
        return settings;
    }

    /** The public half of the signing key, as served at {@link #jwksUri()}. */
    public JWKSet publicKeys() {
        return keys.publicJwks();
    }

    /** Starts a token for {@code subject} with the default claims; see {@link TokenBuilder}. */
    public TokenBuilder token(String subject) {
        return new TokenBuilder(keys, settings, issuerUri.toString(), subject);
    }

    /** Stops serving at once; idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            server.stop(0);
            executor.shutdownNow();
        }
    }

    private void logStart() {
        if (settings.tokenEndpointEnabled()) {
            log.info("Dev OIDC issuer at {} (JWKS {}, kid {}). Get a token: curl -s '{}{}?sub=alice&roles=patient"
                            + "&scope=events:publish%20events:subscribe&ttl=PT30M'",
                    issuerUri, jwksUri(), keys.signing().getKeyID(), issuerUri, IssuerEndpoints.TOKEN_PATH);
        } else {
            log.info("Dev OIDC issuer at {} (JWKS {}, kid {}); token endpoint off", issuerUri, jwksUri(),
                    keys.signing().getKeyID());
        }
    }

    private static InetAddress loopback(String host) {
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("Dev issuer host '" + host + "' does not resolve", e);
        }
        if (!address.isLoopbackAddress()) {
            // It mints tokens for anyone who asks: never reachable from another machine.
            throw new IllegalArgumentException("Dev issuer host '" + host + "' resolves to " + address
                    + ", which is not a loopback address");
        }
        return address;
    }

    private static String uriHost(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    private static ThreadFactory daemonThreads() {
        return runnable -> {
            Thread thread = new Thread(runnable, "dev-issuer-http-" + THREADS.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
