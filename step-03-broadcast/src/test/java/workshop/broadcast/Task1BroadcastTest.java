package workshop.broadcast;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import workshop.progress.Hint;

@DisplayName("Task 1: every message reaches every connected client, tagged with its sender")
@Hint("BroadcastServer.onMessage: sendToEveryone(name(conn) + \": \" + message) instead of the throw")
class Task1BroadcastTest {

    private static final String WHERE = "BroadcastServer.onMessage, TODO 1";

    /** Four clients send this many lines each, padded to LINE_CHARS, so a client that never reads falls far behind. */
    private static final int TALKERS = 4;
    private static final int LINES_EACH = 200;
    private static final int LINE_CHARS = 2000;

    private Room room;

    @AfterEach
    void closeRoom() throws Exception {
        if (room != null) {
            room.close();
        }
    }

    @Test
    @DisplayName("a message from one client reaches every client, the sender included, as '<name>: <text>'")
    void reachesEveryone() throws Exception {
        room = new Room();
        Client alice = room.library("alice");
        Client bob = room.jdk("bob");
        Client carol = room.library("carol");

        alice.send("hello");

        String line = alice.awaitLine("[^\\s:]+: hello", WHERE).group();
        assertEquals(line, bob.awaitLine("[^\\s:]+: hello", WHERE).group(), "bob should get the very line alice got");
        assertEquals(line, carol.awaitLine("[^\\s:]+: hello", WHERE).group(), "carol should get the very line alice got");
    }

    @Test
    @DisplayName("one client's messages arrive at the others in the order they were sent")
    void keepsOrder() throws Exception {
        room = new Room();
        Client alice = room.library("alice");
        Client bob = room.jdk("bob");

        alice.send("one");
        alice.send("two");
        alice.send("three");

        List<String> texts = bob.awaitChat(3, Client.PATIENCE, WHERE).stream()
                .map(line -> line.substring(line.indexOf(": ") + 2)).toList();
        assertEquals(List.of("one", "two", "three"), texts, "bob should get alice's messages in the order she sent them (" + WHERE + ")");
    }

    @Test
    @DisplayName("a message of exactly MAX_MESSAGE_BYTES is still relayed, whole")
    void relaysTheLargestMessage() throws Exception {
        room = new Room();
        Client alice = room.library("alice");
        Client bob = room.jdk("bob");

        alice.send("x".repeat(BroadcastServer.MAX_MESSAGE_BYTES));

        bob.awaitLine("[^\\s:]+: x{" + BroadcastServer.MAX_MESSAGE_BYTES + "}", Duration.ofSeconds(5),
                WHERE + "; the limit is MAX_MESSAGE_BYTES, given to Draft_6455 in the constructor");
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
            talker.awaitChat(TALKERS * LINES_EACH, Client.PATIENCE.multipliedBy(2), WHERE);
            talker.assertLinesFrom(labels, LINES_EACH, WHERE);
        }
        assertEquals(TALKERS + 1, room.server().open(), "connections the server holds: the four talkers and the reader "
                + "that is behind, which stays until its pings go unanswered (" + WHERE + ")");
        room.assertNoTrouble(WHERE);
    }
}
