package workshop.broadcast;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What the library and the given code do with a client that vanishes or misbehaves, before any task:
 * it is closed and removed from getConnections(), and the library's own broadcast still reaches the
 * others. (The leave notice they hear is task 2's.)
 */
@DisplayName("Given: a client that vanishes or misbehaves is removed, and the others stay connected")
class GivenMisbehavingClientTest {

    private static final String STILL_HERE = "still here";

    private Room room;

    @AfterEach
    void closeRoom() throws Exception {
        if (room != null) {
            room.close();
        }
    }

    @Test
    @DisplayName("a client whose connection is reset (no close frame) is removed; the others still receive")
    void resetConnection() throws Exception {
        room = new Room();
        Client alice = room.library("alice");
        Client bob = room.jdk("bob");
        RawClient crasher = room.raw();

        crasher.reset();

        othersStay(2, alice, bob, "the library notices a TCP reset by itself and calls onClose with 1006");
    }

    @Test
    @DisplayName("a client whose socket closes (no close frame) is removed; the others still receive")
    void closedSocket() throws Exception {
        room = new Room();
        Client alice = room.library("alice");
        Client bob = room.jdk("bob");
        LibraryClient killed = room.library("killed");

        killed.dropConnection();

        othersStay(2, alice, bob, "the library notices the end of the stream by itself and calls onClose with 1006");
    }

    @Test
    @DisplayName("a message over MAX_MESSAGE_BYTES closes its sender's connection with 1009; the others still receive")
    void oversizedMessage() throws Exception {
        room = new Room();
        Client alice = room.library("alice");
        Client bob = room.jdk("bob");
        Client flooder = room.library("flooder");

        flooder.send("x".repeat(BroadcastServer.MAX_MESSAGE_BYTES + 1));

        assertEquals(1009, flooder.awaitCloseCode("MAX_MESSAGE_BYTES goes to Draft_6455 in the constructor"),
                "RFC 6455 §7.4.1: 1009 means the message is too big to process");
        othersStay(2, alice, bob, "the library closes the sender alone");
    }

    @Test
    @DisplayName("a binary message closes its sender's connection with 1003; the others still receive")
    void binaryMessage() throws Exception {
        room = new Room();
        Client alice = room.library("alice");
        Client bob = room.library("bob");
        Client sender = room.jdk("sender");

        sender.sendBinary(new byte[] {1, 2, 3});

        assertEquals(1003, sender.awaitCloseCode("BroadcastServer.onMessage(WebSocket, ByteBuffer)"),
                "RFC 6455 §7.4.1: 1003 means this kind of data is not accepted");
        othersStay(2, alice, bob, "BroadcastServer.onMessage(WebSocket, ByteBuffer) closes the sender alone");
    }

    @Test
    @DisplayName("an unmasked frame closes its sender's connection with 1002; the others still receive")
    void unmaskedFrame() throws Exception {
        room = new Room();
        Client alice = room.library("alice");
        Client bob = room.jdk("bob");
        RawClient raw = room.raw();

        raw.sendUnmasked("not masked");

        assertEquals(1002, raw.awaitCloseCode(), "RFC 6455 §5.1: a server closes a connection that sends an unmasked "
                + "frame with 1002 (StrictConnection, given code)");
        othersStay(2, alice, bob, "StrictConnection closes the sender alone");
    }

    @Test
    @DisplayName("a bad upgrade request gets 400 and never becomes a guest; the others still receive")
    void badUpgrade() throws Exception {
        room = new Room();
        Client alice = room.library("alice");
        Client bob = room.jdk("bob");

        String statusLine;
        try (Socket socket = new Socket("127.0.0.1", room.server().getPort())) {
            socket.setSoTimeout((int) Client.CONNECTING.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: keep-alive\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            statusLine = new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\r\n")[0];
        }

        assertEquals("HTTP/1.1 400 Bad Request", statusLine, "a request without Connection: Upgrade "
                + "(the library alone answers 101 and makes it a guest; StrictConnection refuses it, given code)");
        othersStay(2, alice, bob, "a refused upgrade is never a connection");
    }

    /** The server counts {@code online} connections, and the library's broadcast still reaches both clients. */
    private void othersStay(int online, Client first, Client second, String why) throws IOException {
        await("the server counts " + online + " connections (" + why + ")").atMost(Client.PATIENCE)
                .until(() -> room.server().getConnections().size() == online);
        room.server().broadcast(STILL_HERE);
        first.awaitLine(STILL_HERE, why);
        second.awaitLine(STILL_HERE, why);
    }
}
