package workshop.broadcast;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import workshop.progress.Hint;

@DisplayName("Task 3: a client that vanishes or misbehaves is removed, and the others keep receiving")
@Hint("BroadcastServer constructor: setConnectionLostTimeout(...); for the rest the library calls onClose for you")
class Task3VanishedClientTest {

    /** Short, so that a silent client is found out within seconds: it is dropped after 1.5 to 2.5 of these. */
    private static final Duration CONNECTION_LOST_TIMEOUT = Duration.ofSeconds(1);
    private static final String LEAVE_WHERE = "the library calls onClose with 1006; BroadcastServer.onClose, TODO 2";

    private Room room;

    @AfterEach
    void closeRoom() throws Exception {
        if (room != null) {
            room.close();
        }
    }

    @Test
    @DisplayName("a client whose connection is reset (no close frame) is removed: the others hear it left, and keep receiving")
    void resetConnection() throws Exception {
        room = new Room();
        Client alice = room.library("alice");
        Client bob = room.jdk("bob");
        RawClient crasher = room.raw();

        crasher.reset();

        othersKeepReceiving(alice, bob);
        alice.awaitLine("\\* \\S+ left \\(2 online\\)", LEAVE_WHERE);
        bob.awaitLine("\\* \\S+ left \\(2 online\\)", LEAVE_WHERE);
    }

    @Test
    @DisplayName("a client whose socket closes (no close frame) is removed: the others hear it left, and keep receiving")
    void closedSocket() throws Exception {
        room = new Room();
        Client alice = room.library("alice");
        Client bob = room.jdk("bob");
        LibraryClient killed = room.library("killed");

        killed.dropConnection();

        othersKeepReceiving(alice, bob);
        alice.awaitLine("\\* \\S+ left \\(2 online\\)", LEAVE_WHERE);
        bob.awaitLine("\\* \\S+ left \\(2 online\\)", LEAVE_WHERE);
    }

    @Test
    @DisplayName("a client that stops answering pings is dropped after the connection-lost timeout: the others hear it left")
    void silentClient() throws Exception {
        room = new Room(CONNECTION_LOST_TIMEOUT);
        Client alice = room.library("alice");
        Client bob = room.jdk("bob");
        room.raw();

        // The raw client never reads, so it never answers the server's pings; alice and bob answer theirs.
        othersKeepReceiving(alice, bob);
        Duration patience = CONNECTION_LOST_TIMEOUT.multipliedBy(5).dividedBy(2).plus(Client.PATIENCE);
        String where = "BroadcastServer constructor: setConnectionLostTimeout, TODO 3";
        alice.awaitLine("\\* \\S+ left \\(2 online\\)", patience, where);
        bob.awaitLine("\\* \\S+ left \\(2 online\\)", patience, where);
    }

    @Test
    @DisplayName("a message over MAX_MESSAGE_BYTES closes its sender's connection with 1009; the others keep receiving")
    void oversizedMessage() throws Exception {
        room = new Room();
        Client alice = room.library("alice");
        Client bob = room.jdk("bob");
        Client flooder = room.library("flooder");

        flooder.send("x".repeat(BroadcastServer.MAX_MESSAGE_BYTES + 1));

        assertEquals(1009, flooder.awaitCloseCode("MAX_MESSAGE_BYTES goes to Draft_6455 in the constructor"),
                "RFC 6455 §7.4.1: 1009 means the message is too big to process");
        othersKeepReceiving(alice, bob);
    }

    @Test
    @DisplayName("a binary message closes its sender's connection with 1003; the others keep receiving")
    void binaryMessage() throws Exception {
        room = new Room();
        Client alice = room.library("alice");
        Client bob = room.library("bob");
        Client sender = room.jdk("sender");

        sender.sendBinary(new byte[] {1, 2, 3});

        assertEquals(1003, sender.awaitCloseCode("BroadcastServer.onMessage(WebSocket, ByteBuffer)"),
                "RFC 6455 §7.4.1: 1003 means this kind of data is not accepted");
        othersKeepReceiving(alice, bob);
    }

    private static void othersKeepReceiving(Client sender, Client other) {
        sender.send("still here");
        String where = "BroadcastServer.onMessage, TODO 1";
        sender.awaitLine("\\S+: still here", where);
        other.awaitLine("\\S+: still here", where);
    }
}
