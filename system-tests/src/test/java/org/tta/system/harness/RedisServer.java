package org.tta.system.harness;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The harness's own {@code redis-server} on a free loopback port (never the shared one on 6379). No save points
 * and no append-only file while it runs; {@link #stopSavingData()} writes one snapshot on the way down
 * ({@code SHUTDOWN SAVE}), so that the restarted server still knows the sessions: the fault is an outage of
 * the shared state, not its loss.
 */
public final class RedisServer implements AutoCloseable {

    private final int port;
    private final ManagedProcess process;

    private RedisServer(int port, ManagedProcess process) {
        this.port = port;
        this.process = process;
    }

    public static RedisServer start(Path work) {
        int port = Ports.free();
        Path dir = work.resolve("redis");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = List.of("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", dir.toString(), "--dbfilename", "dump.rdb");
        ManagedProcess process = new ManagedProcess("redis", command, Map.of(), work.resolve("redis.log"),
                () -> "+PONG".equals(command(port, "PING")));
        RedisServer started = new RedisServer(port, process);
        process.start(java.time.Duration.ofSeconds(20));
        return started;
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    public ManagedProcess process() {
        return process;
    }

    /** {@code SHUTDOWN SAVE}: the data survives in dump.rdb, clients see connection refused until restart. */
    public void stopSavingData() {
        command(port, "SHUTDOWN SAVE");
        process.stop();
    }

    /** One inline command over RESP; the first reply line, or null when nothing answered. */
    static String command(int port, String inline) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write((inline + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = in.read()) != -1 && c != '\n') {
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return line.isEmpty() ? null : line.toString();
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public void close() {
        process.kill();
    }
}
