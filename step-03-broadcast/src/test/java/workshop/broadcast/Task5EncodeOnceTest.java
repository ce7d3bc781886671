package workshop.broadcast;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.java_websocket.WebSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import workshop.progress.Hint;

@DisplayName("Task 5: each line is encoded once and goes to everyone through the library's broadcast")
@Hint("BroadcastServer.sendToEveryone: one broadcast(line) in place of the loop of conn.send(line)")
class Task5EncodeOnceTest {

    private static final String WHERE = "BroadcastServer.sendToEveryone, TODO 5";

    private Room room;

    @AfterEach
    void closeRoom() throws Exception {
        if (room != null) {
            room.close();
        }
    }

    @Test
    @DisplayName("a chat message to three clients is one call to broadcast(...)")
    void oneBroadcastPerMessage() throws Exception {
        room = new Room();
        Client alice = room.library("alice");
        Client bob = room.jdk("bob");
        Client carol = room.library("carol");

        alice.send("hello");

        String line = alice.awaitLine("[^\\s:]+: hello", "BroadcastServer.onMessage, TODO 1").group();
        bob.awaitLine("[^\\s:]+: hello", "BroadcastServer.onMessage, TODO 1");
        carol.awaitLine("[^\\s:]+: hello", "BroadcastServer.onMessage, TODO 1");
        List<String> broadcasts = room.server().broadcasts();
        assertEquals(1, broadcasts.stream().filter(line::equals).count(),
                "'" + line + "' should be handed to broadcast(...) once for all three clients; broadcast(...) got "
                        + broadcasts + " (" + WHERE + ")");
    }

    @Test
    @DisplayName("each join and leave notice is one call to broadcast(...)")
    void oneBroadcastPerNotice() throws Exception {
        room = new Room();
        Client alice = room.library("alice");
        Client bob = room.jdk("bob");
        String joined = alice.awaitLine("\\* \\S+ joined \\(2 online\\)", "BroadcastServer.onOpen, TODO 2").group();

        bob.leave();

        String left = alice.awaitLine("\\* \\S+ left \\(1 online\\)", "BroadcastServer.onClose, TODO 2").group();
        List<String> broadcasts = room.server().broadcasts();
        assertEquals(1, broadcasts.stream().filter(joined::equals).count(),
                "'" + joined + "' should be handed to broadcast(...) once; broadcast(...) got " + broadcasts + " (" + WHERE + ")");
        assertEquals(1, broadcasts.stream().filter(left::equals).count(),
                "'" + left + "' should be handed to broadcast(...) once; broadcast(...) got " + broadcasts + " (" + WHERE + ")");
    }

    @Test
    @DisplayName("a client that closed while a line was being sent does not stop the others from getting it")
    void skipsAClosedConnection() throws Exception {
        room = new Room();
        Client alice = room.library("alice");
        Client bob = room.jdk("bob");
        Client carol = room.library("carol");
        Set<WebSocket> before = Set.copyOf(room.server().getConnections());
        Client leaver = room.library("leaver");
        WebSocket leaving = room.server().getConnections().stream().filter(conn -> !before.contains(conn)).findFirst().orElseThrow();
        leaver.leave();
        await("the server counts 3 connections after the leaver's close").atMost(Client.CONNECTING)
                .until(() -> room.server().getConnections().size() == 3);
        // As if getConnections() had made its copy just before the leaver closed: it comes first in the copy.
        room.server().showStale(leaving);

        alice.send("hello");

        String where = "a closed connection in the copy from getConnections() makes conn.send throw "
                + "WebsocketNotConnectedException, and the loop stops there; broadcast(line) skips it (" + WHERE + ")";
        for (Client client : List.of(alice, bob, carol)) {
            client.awaitLine("[^\\s:]+: hello", where);
        }
    }
}
