package workshop.broadcast;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.util.ArrayList;
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

    /** The churn: per wave, this many clients leave with a close frame, as many reset their socket, as many go silent. */
    private static final int WAVES = 4;
    private static final int EACH_KIND = 16;
    /** Clients that stay through the churn and chat: every one of them must get every line. */
    private static final int STAYERS = 8;
    private static final int LINES_PER_WAVE = 5;
    /** Short, so that silent clients are dropped within seconds; long enough for a busy machine's clients to answer pings. */
    private static final int CHURN_PING_SECONDS = 2;

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

    @Test
    @DisplayName("200 clients come and go in waves (leaving, resetting the socket, going silent) while 8 chat: "
            + "each of the 8 gets every line once, in order, and the server ends up counting just the 8")
    void churn() throws Exception {
        room = new Room(CHURN_PING_SECONDS);
        ObservedServer server = room.server();
        List<Client> stayers = room.atOnce(STAYERS);
        Set<WebSocket> before = Set.copyOf(server.getConnections());
        Client first = room.library("first-leaver");
        WebSocket leaving = server.getConnections().stream().filter(conn -> !before.contains(conn)).findFirst().orElseThrow();
        first.leave();
        await("the server counts " + STAYERS + " connections after the first leaver's close").atMost(Client.CONNECTING)
                .until(() -> server.open() == STAYERS);
        // In a crowd some connection is always closing while a line goes out: make that certain for every line.
        server.showStale(leaving);

        for (int wave = 0; wave < WAVES && server.failure().isEmpty(); wave++) {
            List<Client> leavers = new ArrayList<>();
            List<RawClient> resetters = new ArrayList<>();
            for (int i = 0; i < EACH_KIND; i++) {
                leavers.add(room.keep(new LibraryClient("w" + wave + "-leaver" + i, server)));
                resetters.add(room.keep(new RawClient(server.uri())));
                // Never reads: it answers no ping, and only the connection-lost timeout finds it out.
                room.keep(new RawClient(server.uri()));
            }
            leavers.forEach(Client::awaitOpen);
            for (int line = wave * LINES_PER_WAVE; line < (wave + 1) * LINES_PER_WAVE; line++) {
                for (Client stayer : stayers) {
                    stayer.send(stayer.label + " #" + line);
                }
            }
            leavers.forEach(Client::leave);
            for (RawClient resetter : resetters) {
                resetter.reset();
            }
        }

        String where = "with people coming and going, a closing connection is in every copy of getConnections(): "
                + "broadcast(line) skips it, a loop of conn.send throws (" + WHERE + ")";
        List<String> labels = stayers.stream().map(stayer -> stayer.label).toList();
        int lines = WAVES * LINES_PER_WAVE;
        for (Client stayer : stayers) {
            stayer.awaitChat(STAYERS * lines, Client.PATIENCE, where);
            stayer.assertLinesFrom(labels, lines, where);
            assertFalse(stayer.isClosed(), stayer.label + " answers pings and should still be connected (" + where + ")");
        }
        // Silent clients go 1.5 to 2.5 ping intervals after they stopped answering.
        Duration dropped = Duration.ofSeconds(CHURN_PING_SECONDS).multipliedBy(5).dividedBy(2).plus(Client.PATIENCE);
        await("the server counts the " + STAYERS + " stayers only, the silent clients dropped").atMost(dropped)
                .until(() -> server.open() == STAYERS || server.failure().isPresent());
        room.assertNoTrouble(where);
        assertEquals(STAYERS, server.open(), "connections the server holds once the silent clients were dropped (" + where + ")");
    }
}
