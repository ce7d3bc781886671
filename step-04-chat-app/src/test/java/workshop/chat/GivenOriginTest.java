package workshop.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import workshop.chattest.ChatClient;
import workshop.chattest.ServerLog;
import workshop.core.Limits;
import workshop.core.OriginCheck;

@DisplayName("Given: only pages from allowed origins may open the chat socket (chat-core's OriginCheck)")
class GivenOriginTest {

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
    @DisplayName("the 403 says why in plain text, and sets no cookie")
    void refusalIsPlain() throws Exception {
        HttpRequest upgrade = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + ChatApp.PATH))
                .header("Sec-WebSocket-Version", "13").header("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==")
                .header("Origin", "http://evil.example").build();
        HttpResponse<String> answer = HttpClient.newHttpClient().send(upgrade, HttpResponse.BodyHandlers.ofString());

        assertEquals(403, answer.statusCode(), REFUSED);
        assertTrue(answer.body().contains("http://evil.example"), "the 403's body names the refused origin: " + answer.body());
        assertTrue(answer.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"),
                "the 403 is plain text: " + answer.headers().map());
        assertEquals(List.of(), answer.headers().allValues("Set-Cookie"), "the 403 sets no cookie");
    }

    @Test
    @DisplayName("the app's own origin may connect, by localhost or 127.0.0.1, but the same host on another port may not")
    void ownOrigin() {
        int port = server.port();
        URI byName = URI.create("ws://localhost:" + port + ChatApp.PATH);
        assertEquals(101, ChatClient.handshakeStatus(byName, "http://localhost:" + port),
                "the page the app served, http://localhost:" + port + ", may connect");
        URI byAddress = URI.create("ws://127.0.0.1:" + port + ChatApp.PATH);
        assertEquals(101, ChatClient.handshakeStatus(byAddress, "http://127.0.0.1:" + port),
                "the page the app served, http://127.0.0.1:" + port + ", may connect");
        assertEquals(403, ChatClient.handshakeStatus(byName, "http://localhost:1"),
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
