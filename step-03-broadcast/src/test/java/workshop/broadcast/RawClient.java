package workshop.broadcast;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
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

    /** Sends a text frame without a mask, which RFC 6455 §5.1 forbids a client. */
    void sendUnmasked(String text) throws IOException {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        OutputStream out = socket.getOutputStream();
        out.write(new byte[] {(byte) 0x81, (byte) payload.length}); // FIN + text, no mask bit, a short length
        out.write(payload);
        out.flush();
    }

    /**
     * Reads the server's frames until a close frame, and returns its code (RFC 6455 §5.5.1); 1006
     * when the connection ends without one, 0 when it stays open. The frames before it are short notices: 125 bytes or less.
     */
    int awaitCloseCode() throws IOException {
        InputStream in = socket.getInputStream();
        while (true) {
            try {
                int first = in.read();
                int length = in.read() & 0x7F;
                if (first < 0 || length == 126 || length == 127) {
                    return 1006;
                }
                byte[] payload = in.readNBytes(length);
                if ((first & 0x0F) == 0x8) {
                    return payload.length < 2 ? 1005 : (payload[0] & 0xFF) << 8 | (payload[1] & 0xFF);
                }
            } catch (SocketTimeoutException stillOpen) {
                return 0;
            }
        }
    }

    /** The port of this end of the connection, as the server sees it. */
    int localPort() {
        return socket.getLocalPort();
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
