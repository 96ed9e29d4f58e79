package org.tta.standalone;

import java.io.IOException;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** An embedded PostgreSQL from zonky's Maven-packaged server binaries; nothing to install. */
final class EmbeddedPostgresServer implements AutoCloseable {

    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    static EmbeddedPostgresServer start(int port) {
        try {
            return new EmbeddedPostgresServer(EmbeddedPostgres.builder().setPort(port).start());
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("Embedded PostgreSQL did not start on port " + port + ". As root it runs "
                    + "initdb inside 'unshare -U' (a user namespace); where user namespaces are not allowed initdb fails "
                    + "with 'cannot be run as root'. Run as a non-root user, allow user namespaces, or point the "
                    + "audit-sink at a PostgreSQL server with SPRING_DATASOURCE_URL.", e);
        }
    }

    String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
