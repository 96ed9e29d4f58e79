package org.tta.safety.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.tta.testkit.TestInfrastructure;
import org.tta.testkit.TestNamespace;

/**
 * The safety-worker's runnable jar ({@code target/*-exec.jar}, built in the package phase) in a child JVM against
 * the test kit's broker. The test classes directory is on its loader path and {@link SafetyTestConfiguration} is
 * added to the application's sources, so the child gets the test beans (the stand-in classifier until the real one
 * is merged).
 */
public final class WorkerProcess implements AutoCloseable {

    private final Process process;
    private final int port;

    private WorkerProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static WorkerProcess start(TestInfrastructure infrastructure, TestNamespace namespace, Path stateDir,
            Path log) throws IOException {
        int port = freePort();
        Path jar;
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            jar = files.filter(p -> p.getFileName().toString().matches("safety-worker-.*-exec\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no target/safety-worker-*-exec.jar: run the package phase"));
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-XX:TieredStopAtLevel=1",
                "-Dloader.path=" + Path.of("target/test-classes").toAbsolutePath(),
                "-Dloader.main=org.tta.safety.SafetyWorkerApplication",
                "-cp", jar.toAbsolutePath().toString(), "org.springframework.boot.loader.launch.PropertiesLauncher",
                "--spring.main.sources=" + SafetyTestConfiguration.NAME,
                "--server.port=" + port,
                "--spring.kafka.bootstrap-servers=" + infrastructure.kafkaBootstrapServers(),
                "--tta.kafka.topic-prefix=" + namespace.topicPrefix(),
                "--spring.kafka.streams.state-dir=" + stateDir.toAbsolutePath(),
                // A killed member leaves the group after this, not after the 45 s default.
                "--spring.kafka.streams.properties.session.timeout.ms=6000",
                "--spring.kafka.streams.properties.heartbeat.interval.ms=1500",
                "--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + infrastructure.issuer().issuerUri(),
                "--spring.security.oauth2.resourceserver.jwt.jwk-set-uri=" + infrastructure.issuer().jwksUri()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        WorkerProcess worker = new WorkerProcess(process, port);
        worker.awaitReady();
        return worker;
    }

    private void awaitReady() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        URI readiness = URI.create("http://localhost:" + port + "/actuator/health/readiness");
        Awaitility.await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500))
                .failFast("the worker process exited; see its log", () -> !process.isAlive())
                .ignoreExceptions().until(() -> http.send(HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
    }

    /** SIGKILL: no shutdown hook, no transaction commit, no state flush. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                kill();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
