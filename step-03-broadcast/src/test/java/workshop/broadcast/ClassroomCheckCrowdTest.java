package workshop.broadcast;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.java_websocket.WebSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import workshop.progress.Hint;

/**
 * The finished step, tested with a crowd: seconds per test, so in learner mode it runs once every
 * task passes (test-support's FailFast), and always in CI. Each test names the task it leans on.
 */
@DisplayName("Classroom check: a crowd: a client that never reads, one that goes silent, 200 that come and go")
@Hint("each failure names the task and the TODO it leans on: Task 1 (onMessage), Task 3 (pings), Task 5 (broadcast)")
class ClassroomCheckCrowdTest {

    /** Four clients send this many lines each, padded to LINE_CHARS, so a client that never reads falls far behind. */
    private static final int TALKERS = 4;
    private static final int LINES_EACH = 200;
    private static final int LINE_CHARS = 2000;

    /** Short, so that a silent client is found out within seconds: it is dropped after 1.5 to 2.5 of these. */
    private static final int SILENT_PING_SECONDS = 1;

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
    @DisplayName("a client that never reads does not hold up the others: four clients sending 200 lines each all get every line, in order")
    void slowReader() throws Exception {
        room = new Room();
        // It did the handshake and never reads again: its socket's buffers fill up, then the server queues for it.
        room.raw();
        List<Client> talkers = room.atOnce(TALKERS);
        String padding = " " + "x".repeat(LINE_CHARS);

        for (int i = 0; i < LINES_EACH && room.server().failure().isEmpty(); i++) {
            for (Client talker : talkers) {
                talker.send(talker.label + " #" + i + padding);
            }
        }

        List<String> labels = talkers.stream().map(talker -> talker.label).toList();
        for (Client talker : talkers) {
            talker.awaitChat(TALKERS * LINES_EACH, Client.PATIENCE.multipliedBy(2), "BroadcastServer.onMessage, TODO 1");
            talker.assertLinesFrom(labels, LINES_EACH, "BroadcastServer.onMessage, TODO 1");
        }
        assertEquals(TALKERS + 1, room.server().open(), "connections the server holds: the four talkers and the reader "
                + "that is behind, which stays until its pings go unanswered (" + "BroadcastServer.onMessage, TODO 1" + ")");
        room.assertNoTrouble("BroadcastServer.onMessage, TODO 1");
    }

    @Test
    @DisplayName("a client that stops answering pings is dropped after the connection-lost timeout: the others hear it left")
    void silentClient() throws Exception {
        room = new Room(SILENT_PING_SECONDS);
        Client alice = room.library("alice");
        Client bob = room.jdk("bob");
        room.raw();

        // The raw client never reads, so it never answers the server's pings; alice and bob answer theirs.
        Duration patience = Duration.ofSeconds(SILENT_PING_SECONDS).multipliedBy(5).dividedBy(2).plus(Client.PATIENCE);
        String where = "BroadcastServer constructor: setConnectionLostTimeout, TODO 3";
        Supplier<Optional<String>> noPingsInTime = () -> room.server().getConnectionLostTimeout() == SILENT_PING_SECONDS
                ? Optional.empty()
                : Optional.of("the server pings every " + room.server().getConnectionLostTimeout() + " s, not every "
                        + SILENT_PING_SECONDS + " s as it was given, so the silent client stays");
        alice.awaitLine("\\* \\S+ left \\(2 online\\)", patience, noPingsInTime, where);
        bob.awaitLine("\\* \\S+ left \\(2 online\\)", patience, noPingsInTime, where);
        assertEquals(2, room.server().open(), "connections the server holds after dropping the silent one (" + where + ")");
        assertFalse(alice.isClosed() || bob.isClosed(), "alice and bob answer pings and should stay connected (" + where + ")");
        room.assertNoTrouble(where);
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
                + "broadcast(line) skips it, a loop of conn.send throws (" + "BroadcastServer.sendToEveryone, TODO 5" + ")";
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
