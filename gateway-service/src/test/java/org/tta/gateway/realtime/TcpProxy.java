package org.tta.gateway.realtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Test fixture: a TCP proxy on a random local port that can go silent. {@link #freeze()} stops carrying
 * bytes either way without closing anything, as a dead peer or a cut network does (no FIN, no close frame).
 * {@link #delay(Duration)} holds every chunk for a while before it goes on, as a slow network does.
 */
final class TcpProxy implements AutoCloseable {

    private final ServerSocket server;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();
    private volatile boolean frozen;
    private volatile boolean closed;
    private volatile Duration delay = Duration.ZERO;

    TcpProxy(int targetPort) throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> accept(targetPort));
    }

    int port() {
        return server.getLocalPort();
    }

    void freeze() {
        frozen = true;
    }

    void delay(Duration delay) {
        this.delay = delay;
    }

    private void accept(int targetPort) {
        while (!closed) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                sockets.add(client);
                sockets.add(upstream);
                Thread.ofVirtual().start(() -> pump(client, upstream));
                Thread.ofVirtual().start(() -> pump(upstream, client));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16384];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                synchronized (lock) {
                    while (frozen && !closed) {
                        lock.wait(); // silent: the bytes go nowhere until close
                    }
                }
                if (closed) {
                    return;
                }
                if (!delay.isZero()) {
                    Thread.sleep(delay); // a virtual thread of this proxy's
                }
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // a side closed
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        synchronized (lock) {
            lock.notifyAll();
        }
        server.close();
        for (Socket socket : sockets) {
            socket.close();
        }
    }
}
