package org.tta.audit.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A PostgreSQL server of the test's own (zonky's packaged binaries; as root it runs inside {@code unshare -U}),
 * on its own port and data directory, that a test may stop and start again. Stopping it stops the server process
 * ({@code pg_ctl stop -m fast}: clients are cut off); starting it again reuses the data directory and the port,
 * so the stored rows and the JDBC URL stay the same. Never the shared server on 5432.
 */
public final class OwnPostgres implements AutoCloseable {

    private final Path dataDirectory;
    private final int port;
    private EmbeddedPostgres server;

    private OwnPostgres(Path dataDirectory, int port) {
        this.dataDirectory = dataDirectory;
        this.port = port;
    }

    /** A fresh server (initdb into a new temporary directory) on a free port. */
    public static OwnPostgres startFresh() {
        try {
            OwnPostgres postgres = new OwnPostgres(Files.createTempDirectory("audit-own-postgres-"), freePort());
            postgres.start();
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the server on the same data directory and port (initdb only the first time). */
    public synchronized void start() {
        if (server != null) {
            throw new IllegalStateException("The server is already running");
        }
        try {
            server = EmbeddedPostgres.builder().setDataDirectory(dataDirectory).setCleanDataDirectory(false)
                    .setPort(port).setPGStartupWait(Duration.ofSeconds(60)).start();
        } catch (IOException e) {
            throw new UncheckedIOException("Own PostgreSQL did not start on port " + port, e);
        }
    }

    /** Stops the server process and waits until it is gone; the data directory stays. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        Process process = server.getProcess();
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            server = null;
        }
        if (process != null) {
            process.toHandle().onExit().orTimeout(60, java.util.concurrent.TimeUnit.SECONDS).join();
        }
    }

    /** Whether the server process is alive. */
    public synchronized boolean running() {
        return server != null && server.getProcess() != null && server.getProcess().isAlive();
    }

    /** Whether anything accepts TCP connections on the server's port. */
    public boolean acceptsConnections() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public int port() {
        return port;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** The JDBC URL of the {@code postgres} database, with {@code query} (such as {@code ?currentSchema=x}) appended. */
    public String jdbcUrl(String query) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres" + query;
    }

    /** Stops the server and deletes its data directory. */
    @Override
    public void close() {
        stop();
        try (Stream<Path> files = Files.walk(dataDirectory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
