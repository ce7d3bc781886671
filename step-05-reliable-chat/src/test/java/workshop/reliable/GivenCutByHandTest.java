package workshop.reliable;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Given: the door you cut by hand (./mvnw -q -Pcut) resets its connections, refuses new ones, and opens again")
class GivenCutByHandTest {

    private final ChatServer server = new ChatServer();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    @DisplayName("Enter cuts every connection through the door and refuses new ones; Enter again lets a member back in")
    void cutAndOpen() throws IOException {
        try (CutByHand cut = new CutByHand(0, server.port());
                Member ada = Member.join(server, "ada", cut.port());
                Member bob = Member.join(server, "bob")) {
            cut.toggle();
            assertFalse(cut.isOpen(), "the door after one Enter");
            ada.client().awaitClose("ada's connection through the door, cut");
            assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", cut.port()).close(),
                    "a new connection to the cut door is refused, as with no network");

            cut.toggle();
            assertTrue(cut.isOpen(), "the door after a second Enter");
            ada.reconnect();
            bob.say("welcome back");
            ada.readUntilText("welcome back");
        }
    }
}
