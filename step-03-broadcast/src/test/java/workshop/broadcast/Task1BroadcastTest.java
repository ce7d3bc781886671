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
}
