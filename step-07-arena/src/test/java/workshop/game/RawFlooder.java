package workshop.game;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A player that sends its whole flood in one write, then only reads, on a plain socket.
 *
 * <p>Why not {@link Bot}: the JDK client sends one input per write, so the server's 1008 can arrive
 * while inputs are still on their way. Jetty then ends the connection with those inputs unread, the
 * kernel answers them with a reset, and the reset can overtake the close frame: the bot sees "1006
 * Broken pipe" instead of the server's reason, about one run in ten on a busy machine. A flood written
 * in one go is in the server's hands before it decides, so the close frame always comes back.
 */
final class RawFlooder implements AutoCloseable {

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    final int id;

    /** Connects, does the handshake, joins, and returns once the welcome came. */
    RawFlooder(URI uri, String name) throws IOException {
        socket = new Socket(uri.getHost(), uri.getPort());
        socket.setSoTimeout((int) Bot.PATIENCE.toMillis());
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
        String key = Base64.getEncoder().encodeToString("a flood of inputs".substring(0, 16).getBytes(StandardCharsets.US_ASCII));
        out.write(("GET " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + key
                + "\r\nSec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        String status = skipHeaders();
        assertTrue(status.startsWith("HTTP/1.1 101"), "the flooder's handshake was answered: " + status);
        out.write(frame(0x1, ("{\"type\":\"join\",\"name\":\"" + name + "\"}").getBytes(StandardCharsets.UTF_8)));
        JsonObject welcome;
        do {
            welcome = nextText();
        } while (!"welcome".equals(welcome.get("type").getAsString()));
        id = welcome.get("you").getAsInt();
    }

    /** Writes this many inputs, each with the next sequence number, in one write. */
    void flood(int inputs) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (int seq = 1; seq <= inputs; seq++) {
            all.write(frame(0x2, ByteBuffer.allocate(Inputs.BYTES).put(Inputs.OPCODE).putInt(seq).put((byte) Input.LEFT).array()));
        }
        out.write(all.toByteArray());
        out.flush();
    }

    /** Reads until the close frame; returns its code, and the reason after a space. */
    String expectClose() throws IOException {
        while (true) {
            int opcode = in.readUnsignedByte() & 0x0f;
            byte[] payload = payload();
            if (opcode == 0x8) {
                ByteBuffer close = ByteBuffer.wrap(payload);
                int code = close.remaining() >= 2 ? close.getShort() & 0xffff : 1005;
                return code + " " + StandardCharsets.UTF_8.decode(close);
            }
        }
    }

    private JsonObject nextText() throws IOException {
        while (true) {
            int opcode = in.readUnsignedByte() & 0x0f;
            byte[] payload = payload();
            if (opcode == 0x1) {
                return JsonParser.parseString(new String(payload, StandardCharsets.UTF_8)).getAsJsonObject();
            }
        }
    }

    /** A server's frame is never masked (RFC 6455 §5.1): the length, then the payload. */
    private byte[] payload() throws IOException {
        long length = in.readUnsignedByte() & 0x7f;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        byte[] payload = new byte[(int) length];
        in.readFully(payload);
        return payload;
    }

    /** A client's frame is always masked (RFC 6455 §5.3); a zero mask keeps the payload as it is. */
    private static byte[] frame(int opcode, byte[] payload) {
        return ByteBuffer.allocate(2 + 4 + payload.length)
                .put((byte) (0x80 | opcode)).put((byte) (0x80 | payload.length)).putInt(0).put(payload).array();
    }

    private String skipHeaders() throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            head.append((char) in.readUnsignedByte());
        }
        return head.substring(0, head.indexOf("\r\n"));
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
