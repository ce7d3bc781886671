package workshop.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import workshop.progress.Hint;

@DisplayName("Task 5: only pages from allowed origins may open the chat socket")
@Hint("OriginCheck.allows: let in no Origin, the app's own origin (\"http://\" or \"https://\" + host) and the configured ones; refuse the rest")
class Task5OriginTest {

    private static final String REFUSED = "a foreign Origin must be refused with 403 before the upgrade (OriginCheck.allows)";

    private ChatServer server = new ChatServer();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    @DisplayName("a page from another site is refused with 403 before the upgrade")
    void foreignOrigin() {
        assertEquals(403, ChatClient.handshakeStatus(server.uri(), "http://evil.example"), REFUSED + ": http://evil.example");
        assertEquals(403, ChatClient.handshakeStatus(server.uri(), "null"), REFUSED + ": \"null\", a sandboxed or file:// page");
    }

    @Test
    @DisplayName("the app's own origin may connect, by localhost or 127.0.0.1, but the same host on another port may not")
    void ownOrigin() {
        int port = server.port();
        assertEquals(101, ChatClient.handshakeStatus(server.uri(), "http://localhost:" + port),
                "the page the app served, http://localhost:" + port + ", may connect");
        URI byAddress = URI.create("ws://127.0.0.1:" + port + ChatApp.PATH);
        assertEquals(101, ChatClient.handshakeStatus(byAddress, "http://127.0.0.1:" + port),
                "the page the app served, http://127.0.0.1:" + port + ", may connect");
        assertEquals(403, ChatClient.handshakeStatus(server.uri(), "http://localhost:1"),
                REFUSED + ": another port is another origin");
    }

    @Test
    @DisplayName("the origins in the configured list may connect, others may not")
    void configuredOrigins() {
        server.close();
        server = new ChatServer(OriginCheck.parse("https://chat.example.com, http://localhost:3000"));

        assertEquals(101, ChatClient.handshakeStatus(server.uri(), "https://chat.example.com"), "a configured origin may connect");
        assertEquals(101, ChatClient.handshakeStatus(server.uri(), "http://localhost:3000"), "a configured origin may connect");
        assertEquals(403, ChatClient.handshakeStatus(server.uri(), "https://evil.example"), REFUSED + ": https://evil.example");
    }

    @Test
    @DisplayName("a client that sends no Origin (not a browser) may connect; a foreign one may not")
    void noOrigin() {
        assertEquals(101, ChatClient.handshakeStatus(server.uri(), null), "a client without an Origin header may connect");
        assertEquals(403, ChatClient.handshakeStatus(server.uri(), "https://evil.example"), REFUSED + ": https://evil.example");
    }
}
