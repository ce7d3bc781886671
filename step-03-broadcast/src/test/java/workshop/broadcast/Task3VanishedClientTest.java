package workshop.broadcast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import workshop.progress.Hint;

@DisplayName("Task 3: a client that goes silent is dropped after the connection-lost timeout")
@Hint("BroadcastServer constructor: setConnectionLostTimeout(connectionLostTimeoutSeconds), and refuse less than 1")
class Task3VanishedClientTest {

    private static final int CONNECTION_LOST_TIMEOUT_SECONDS = 1;

    @Test
    @DisplayName("a server given a connection-lost timeout of 1 s pings every 1 s (getConnectionLostTimeout)")
    void pingsAsGiven() {
        BroadcastServer server = new BroadcastServer(new InetSocketAddress("127.0.0.1", 0), CONNECTION_LOST_TIMEOUT_SECONDS);
        assertEquals(CONNECTION_LOST_TIMEOUT_SECONDS, server.getConnectionLostTimeout(), "new BroadcastServer(address, "
                + CONNECTION_LOST_TIMEOUT_SECONDS + ").getConnectionLostTimeout(): the library's default (60 s) stays "
                + "unless the constructor calls setConnectionLostTimeout (TODO 3); the classroom check then drops a silent client");
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
