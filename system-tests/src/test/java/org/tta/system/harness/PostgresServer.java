package org.tta.system.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The harness's own PostgreSQL (zonky's embedded server binaries, as the standalone uses) on a free port with a
 * data directory under {@code target/}, never the shared server on 5432. {@link #stop()} is a real server stop
 * ({@code pg_ctl stop}); {@link #start()} brings the same data directory back on the same port.
 */
public final class PostgresServer implements AutoCloseable {

    private final int port;
    private final Path dataDirectory;
    private EmbeddedPostgres postgres;

    private PostgresServer(int port, Path dataDirectory) {
        this.port = port;
        this.dataDirectory = dataDirectory;
    }

    public static PostgresServer start(Path work) {
        PostgresServer server = new PostgresServer(Ports.free(), work.resolve("postgres-data"));
        server.start();
        return server;
    }

    public synchronized void start() {
        try {
            Files.createDirectories(dataDirectory.getParent());
            postgres = EmbeddedPostgres.builder().setPort(port).setDataDirectory(dataDirectory.toFile())
                    .setCleanDataDirectory(false).start();
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start on port " + port, e);
        }
    }

    public synchronized void stop() {
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            postgres = null;
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), "postgres", "");
    }

    @Override
    public void close() {
        stop();
    }
}
