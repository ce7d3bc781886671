package workshop.echo;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A client that does the handshake by hand, as in step 1, then only listens: it never answers a
 * ping, like a laptop whose lid was closed or a phone that left the Wi-Fi.
 */
final class RawClient implements AutoCloseable {

    static final int PING = 0x9;

    /** The opcode of each frame the server sent (RFC 6455 §5.2). */
    final List<Integer> opcodes = new CopyOnWriteArrayList<>();
    /** Set when the server has closed the TCP connection. */
    volatile boolean droppedByServer;

    private final Socket socket;

    private RawClient(Socket socket) {
        this.socket = socket;
    }

    static RawClient connect(int port) throws IOException {
        Socket socket = new Socket("localhost", port);
        OutputStream out = socket.getOutputStream();
        out.write(("GET / HTTP/1.1\r\n"
                + "Host: localhost:" + port + "\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        DataInputStream in = new DataInputStream(socket.getInputStream());
        String statusLine = readHeaders(in);
        assertTrue(statusLine.startsWith("HTTP/1.1 101"), "handshake by hand, the server answered: " + statusLine);

        RawClient client = new RawClient(socket);
        Thread reader = new Thread(() -> client.readFrames(in), "raw-client-reader");
        reader.setDaemon(true);
        reader.start();
        return client;
    }

    /** Reads the response head up to the empty line and returns its first line. */
    private static String readHeaders(DataInputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            head.append((char) in.readUnsignedByte());
        }
        return head.substring(0, head.indexOf("\r\n"));
    }

    private void readFrames(DataInputStream in) {
        try {
            while (true) {
                int first = in.readUnsignedByte();
                opcodes.add(first & 0x0F);
                long length = in.readUnsignedByte() & 0x7F; // a server's frames are not masked (RFC 6455 §5.1)
                if (length == 126) {
                    length = in.readUnsignedShort();
                } else if (length == 127) {
                    length = in.readLong();
                }
                in.skipNBytes(length);
            }
        } catch (EOFException e) {
            droppedByServer = true;
        } catch (IOException e) {
            droppedByServer = !socket.isClosed(); // a reset from the server, not our own close()
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
