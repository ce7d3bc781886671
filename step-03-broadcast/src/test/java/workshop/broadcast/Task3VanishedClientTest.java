package workshop.broadcast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import workshop.progress.Hint;

@DisplayName("Task 3: a client that goes silent is dropped after the connection-lost timeout")
@Hint("BroadcastServer constructor: setConnectionLostTimeout(connectionLostTimeoutSeconds), and refuse less than 1")
class Task3VanishedClientTest {

    /** Short, so that a silent client is found out within seconds: it is dropped after 1.5 to 2.5 of these. */
    private static final int CONNECTION_LOST_TIMEOUT_SECONDS = 1;

    private Room room;

    @AfterEach
    void closeRoom() throws Exception {
        if (room != null) {
            room.close();
        }
    }

    @Test
    @DisplayName("a client that stops answering pings is dropped after the connection-lost timeout: the others hear it left")
    void silentClient() throws Exception {
        room = new Room(CONNECTION_LOST_TIMEOUT_SECONDS);
        Client alice = room.library("alice");
        Client bob = room.jdk("bob");
        room.raw();

        // The raw client never reads, so it never answers the server's pings; alice and bob answer theirs.
        Duration patience = Duration.ofSeconds(CONNECTION_LOST_TIMEOUT_SECONDS).multipliedBy(5).dividedBy(2).plus(Client.PATIENCE);
        String where = "BroadcastServer constructor: setConnectionLostTimeout, TODO 3";
        Supplier<Optional<String>> noPingsInTime = () -> room.server().getConnectionLostTimeout() == CONNECTION_LOST_TIMEOUT_SECONDS
                ? Optional.empty()
                : Optional.of("the server pings every " + room.server().getConnectionLostTimeout() + " s, not every "
                        + CONNECTION_LOST_TIMEOUT_SECONDS + " s as it was given, so the silent client stays");
        alice.awaitLine("\\* \\S+ left \\(2 online\\)", patience, noPingsInTime, where);
        bob.awaitLine("\\* \\S+ left \\(2 online\\)", patience, noPingsInTime, where);
        assertEquals(2, room.server().open(), "connections the server holds after dropping the silent one (" + where + ")");
        assertFalse(alice.isClosed() || bob.isClosed(), "alice and bob answer pings and should stay connected (" + where + ")");
        room.assertNoTrouble(where);
    }

    @Test
    @DisplayName("a connection-lost timeout under one second is refused: the library would read 0 as \"never ping\"")
    void refusesTimeoutsUnderOneSecond() {
        IllegalArgumentException refused = null;
        try {
            new BroadcastServer(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IllegalArgumentException expected) {
            refused = expected;
        }
        assertNotNull(refused, "new BroadcastServer(address, 0) was accepted, and a server without pings never finds a "
                + "silent client; the constructor should throw IllegalArgumentException for less than 1 second (TODO 3)");
    }
}
