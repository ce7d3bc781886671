package workshop.broadcast;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A client made of a bare TCP socket: it does the opening handshake (RFC 6455 §4.1), then only what a
 * test tells it. It never reads again, so it never answers a ping, and it can vanish without a close frame.
 */
final class RawClient implements AutoCloseable {

    private final Socket socket;

    RawClient(URI uri) throws IOException {
        socket = new Socket(uri.getHost(), uri.getPort());
        socket.setSoTimeout((int) Client.CONNECTING.toMillis());
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        String request = "GET / HTTP/1.1\r\n"
                + "Host: " + uri.getHost() + ":" + uri.getPort() + "\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n";
        socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        String response = readHeaders(socket.getInputStream());
        if (!response.startsWith("HTTP/1.1 101")) {
            throw new IOException("expected 101 Switching Protocols, got: " + response);
        }
    }

    /** Resets the connection with a TCP RST (SO_LINGER 0): no close frame, no FIN. */
    void reset() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** Reads up to the blank line that ends the response headers, and not a byte further. */
    private static String readHeaders(InputStream in) throws IOException {
        ByteArrayOutputStream headers = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            headers.write(b);
            if (headers.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
                return headers.toString(StandardCharsets.US_ASCII);
            }
        }
        throw new IOException("connection closed during the handshake: " + headers.toString(StandardCharsets.US_ASCII));
    }
}
