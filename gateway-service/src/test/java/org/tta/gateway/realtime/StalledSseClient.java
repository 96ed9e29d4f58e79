package org.tta.gateway.realtime;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Test fixture: an SSE client on a raw socket with a small receive buffer that reads its stream up to the
 * first event, then never reads again, as a client whose reader hung does: the gateway's writes to it stop
 * completing once the buffers on the way are full. Nothing here closes the connection but {@link #close()}.
 */
final class StalledSseClient implements AutoCloseable {

    private static final Pattern EVENT_ID = Pattern.compile("id:(\\d+-\\d+)\n");

    private final Socket socket;
    private final StringBuilder read = new StringBuilder();

    private StalledSseClient(Socket socket) {
        this.socket = socket;
    }

    /** Connects with a 4 KiB receive buffer and sends the GET with the bearer token. */
    static StalledSseClient open(int port, String path, String bearer) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096); // before connect: it sets the window the client offers
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        socket.setSoTimeout(60_000);
        String request = "GET " + path + " HTTP/1.1\r\nHost: localhost:" + port + "\r\nAccept: text/event-stream\r\n"
                + "Authorization: Bearer " + bearer + "\r\n\r\n";
        socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return new StalledSseClient(socket);
    }

    /** Reads until the first {@code id:} line, returns that position and from then on reads nothing. */
    String readUntilFirstEventId() throws IOException {
        InputStream in = socket.getInputStream();
        byte[] chunk = new byte[256];
        while (true) {
            Matcher id = EVENT_ID.matcher(read);
            if (id.find()) {
                return id.group(1);
            }
            int n = in.read(chunk);
            if (n < 0) {
                throw new IOException("the stream ended before its first event; read: " + read.length() + " chars");
            }
            read.append(new String(chunk, 0, n, StandardCharsets.ISO_8859_1));
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
