package workshop.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A client that writes and reads exact bytes, to see what the server really sends. */
final class WireClient implements AutoCloseable {

    /** How long a test waits for the server's next byte before it fails: enough for a slow, busy laptop. */
    static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    /** The masking key of RFC 6455 §5.7's examples. */
    static final byte[] MASK = {0x37, (byte) 0xfa, 0x21, 0x3d};

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    WireClient(int port) throws IOException {
        socket = new Socket("localhost", port);
        socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** Sends Chromium's upgrade request and checks the 101, so that a test can go on with frames. */
    WireClient upgrade() throws IOException {
        send(Requests.wire(Requests.CHROMIUM));
        Response response = Response.parse(readResponseHead());
        assertEquals(101, response.status(),
                "a browser's upgrade request should get 101 Switching Protocols; came: " + response.statusLine());
        return this;
    }

    void send(String text) throws IOException {
        send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** The status line and headers, with the blank line that ends them. */
    String readResponseHead() throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            head.append((char) readByte(head.length() == 0 ? "an HTTP response" : "the rest of the HTTP response:\n" + head));
        }
        return head.toString();
    }

    /** The whole response: head, and as many body bytes as Content-Length announces. */
    Response readResponse() throws IOException {
        String head = readResponseHead();
        String length = Response.parse(head).header("Content-Length");
        if (length == null) {
            fail("an error response should say its body's size in Content-Length; came:\n" + head);
        }
        byte[] body = readBytes(Integer.parseInt(length), "the response body");
        return Response.parse(head + new String(body, StandardCharsets.UTF_8));
    }

    /** The first line the server sends, without its CRLF; empty when it closes without a word. */
    String readFirstLine() throws IOException {
        StringBuilder line = new StringBuilder();
        int b;
        try {
            while ((b = in.read()) != -1 && b != '\n') {
                line.append((char) b);
            }
        } catch (SocketTimeoutException e) {
            fail("the server neither answered nor closed the connection within " + READ_TIMEOUT.toSeconds() + " s");
        }
        return line.toString().strip();
    }

    /** One frame as the server sent it, header and payload, byte for byte. */
    byte[] readFrame() throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(readByte("a frame from the server"));
        int second = readByte("the second byte of a frame");
        frame.write(second);
        int lengthBytes = switch (second & 0x7F) {
            case 126 -> 2;
            case 127 -> 8;
            default -> 0;
        };
        byte[] extended = readBytes(lengthBytes, "the extended payload length");
        frame.write(extended);
        long length = second & 0x7F;
        if (lengthBytes > 0) {
            length = 0;
            for (byte b : extended) {
                length = length << 8 | (b & 0xFF);
            }
        }
        if ((second & 0x80) != 0) {
            frame.write(readBytes(4, "the masking key (a server must not mask, RFC 6455 §5.1)"));
        }
        frame.write(readBytes((int) length, "a payload of " + length + " bytes"));
        return frame.toByteArray();
    }

    /** Checks that the server ended the connection: the next read finds the end of the stream. */
    void assertClosedByServer() throws IOException {
        try {
            int next = in.read();
            assertEquals(-1, next, "the server should close the connection here, but sent another byte");
        } catch (SocketTimeoutException e) {
            fail("the server should close the connection here, but kept it open for " + READ_TIMEOUT.toSeconds() + " s");
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private byte[] readBytes(int count, String what) throws IOException {
        byte[] bytes = new byte[count];
        for (int i = 0; i < count; i++) {
            bytes[i] = (byte) readByte(what);
        }
        return bytes;
    }

    private int readByte(String what) throws IOException {
        int b;
        try {
            b = in.read();
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server sent nothing for " + READ_TIMEOUT.toSeconds()
                    + " s while the test waited for " + what);
        }
        if (b == -1) {
            throw new AssertionError("the server closed the connection while the test waited for " + what
                    + " (the server's log above says why)");
        }
        return b;
    }
}
