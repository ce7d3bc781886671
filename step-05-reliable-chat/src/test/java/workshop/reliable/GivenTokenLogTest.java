package workshop.reliable;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static workshop.reliable.ReliableMessages.join;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import workshop.chattest.ChatClient;

@DisplayName("Given: the login token never appears in the server's log")
class GivenTokenLogTest {

    private final ChatServer server = new ChatServer();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    @DisplayName("not for a login, a join, a chat, a renewal or a refused token")
    void neverLogged() {
        String token = server.token("ada");
        String forged = token.substring(0, token.length() - 4) + "AAAA";
        try (ChatClient ada = ChatServer.connect(server.port(), "ada", token, true)) {
            ada.send(join(null));
            ada.expect("welcome", "ada's welcome");
            ada.say("hello");
            ada.expect("message", "ada's message");
        }
        server.handshakeStatus(forged, null);
        String log = server.log.text();
        assertTrue(log.contains("ada"), "the log at info names the members (so this test can see it): " + log);
        String signature = token.substring(token.lastIndexOf('.') + 1);
        assertFalse(log.contains(signature), "the log holds a token's signature: whoever reads the log could log in as ada:\n" + log);
        assertFalse(log.contains(forged.substring(forged.lastIndexOf('.') + 1)), "the log holds a refused token:\n" + log);
    }
}
