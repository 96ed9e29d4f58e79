package org.tta.system.harness;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One service from its runnable jar, on its own loopback port; ready when its readiness probe answers 200. */
public final class ServiceProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int port;
    private final ManagedProcess process;

    ServiceProcess(String name, String java, Path jar, List<String> jvmOptions, List<String> arguments, Path work) {
        this.name = name;
        this.port = Ports.free();
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString(), "--server.port=" + port, "--server.address=127.0.0.1"));
        command.addAll(arguments);
        this.process = new ManagedProcess(name, command, Map.of("HOSTNAME", name), work.resolve(name + ".log"),
                this::isReady);
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    public ManagedProcess process() {
        return process;
    }

    public boolean isReady() {
        try {
            return HTTP.send(HttpRequest.newBuilder(uri("/actuator/health/readiness")).timeout(Duration.ofSeconds(3)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return false;
        }
    }

    /** The Prometheus scrape, or an empty string when the service does not answer. */
    public String metrics() {
        try {
            return HTTP.send(HttpRequest.newBuilder(uri("/actuator/prometheus")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return "";
        }
    }

    @Override
    public String toString() {
        return name + ":" + port;
    }
}
