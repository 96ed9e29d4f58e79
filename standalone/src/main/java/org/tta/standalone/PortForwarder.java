package org.tta.standalone;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forwards a fixed loopback port to another one. Kafka's in-JVM KRaft test broker cannot bind a
 * chosen port (spring-kafka#2916), so the standalone listens on the documented port (9092) and
 * forwards it to the broker. Kafka clients only bootstrap through it: the metadata they receive
 * points them at the broker's own address on localhost. At most {@value #MAX_CONNECTIONS} connections.
 */
final class PortForwarder implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PortForwarder.class);
    private static final int MAX_CONNECTIONS = 256;

    private final ServerSocket server;
    private final InetSocketAddress target;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final Semaphore connections = new Semaphore(MAX_CONNECTIONS);

    private PortForwarder(ServerSocket server, InetSocketAddress target) {
        this.server = server;
        this.target = target;
    }

    static PortForwarder start(int port, InetSocketAddress target) {
        try {
            ServerSocket server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            PortForwarder forwarder = new PortForwarder(server, target);
            forwarder.threads.submit(forwarder::acceptLoop);
            return forwarder;
        } catch (IOException e) {
            throw new IllegalStateException("Port " + port + " is taken; choose another with TTA_STANDALONE_KAFKA_PORT", e);
        }
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                if (!connections.tryAcquire()) {
                    client.close();
                    continue;
                }
                threads.submit(() -> forward(client));
            } catch (IOException e) {
                if (!server.isClosed()) {
                    log.warn("Forwarder accept failed: {}", e.toString());
                }
            }
        }
    }

    private void forward(Socket client) {
        try (client; Socket upstream = new Socket(target.getAddress(), target.getPort())) {
            var back = threads.submit(() -> copy(upstream.getInputStream(), client.getOutputStream()));
            copy(client.getInputStream(), upstream.getOutputStream());
            upstream.shutdownOutput();
            back.get();
        } catch (Exception e) {
            log.debug("Forwarded connection ended: {}", e.toString());
        } finally {
            connections.release();
        }
    }

    private static Void copy(InputStream in, OutputStream out) throws IOException {
        in.transferTo(out);
        out.flush();
        return null;
    }

    @Override
    public void close() throws IOException {
        server.close();
        threads.shutdownNow();
    }
}
