package workshop.reliable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static workshop.reliable.ChatClient.string;

import com.google.gson.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Given: step 4's chat, for members who log in first")
class GivenStepFourTest {

    private final ChatServer server = new ChatServer();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    @DisplayName("a login with the passphrase sets an HttpOnly, SameSite=Strict cookie with the token")
    void login() {
        HttpResponse<String> answer = server.login("ada", ChatServer.PASSPHRASE);
        assertEquals(200, answer.statusCode(), "POST /login with the right passphrase: " + answer.body());
        String cookie = answer.headers().firstValue("Set-Cookie").orElse("");
        assertTrue(cookie.startsWith(ReliableChatApp.TOKEN_COOKIE + "=") && cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
                "the login's Set-Cookie: " + cookie);
    }

    @Test
    @DisplayName("a wrong passphrase gets 401, a bad name 400, and neither a cookie")
    void badLogins() {
        HttpResponse<String> wrong = server.login("ada", "guess");
        assertEquals(401, wrong.statusCode(), "POST /login with a wrong passphrase: " + wrong.body());
        HttpResponse<String> badName = server.login("   ", ChatServer.PASSPHRASE);
        assertEquals(400, badName.statusCode(), "POST /login with a blank name: " + badName.body());
        assertTrue(wrong.headers().firstValue("Set-Cookie").isEmpty() && badName.headers().firstValue("Set-Cookie").isEmpty(),
                "a refused login sets no cookie");
    }

    @Test
    @DisplayName("members join under the name they logged in with, and a message reaches everyone")
    void joinAndChat() {
        try (ChatClient ada = server.join("ada"); ChatClient bob = server.connect("bob")) {
            bob.send("{\"type\":\"join\",\"name\":\"someone else\"}");
            JsonObject welcome = bob.expect("welcome", "bob's welcome");
            assertEquals("bob", string(welcome, "you"), "the name comes from the login token, not the join: " + welcome);
            assertEquals("bob", string(ada.expect("joined", "bob joined"), "name"));

            ada.say("hi bob");
            for (ChatClient client : List.of(ada, bob)) {
                JsonObject message = client.expect("message", "ada's message");
                assertEquals("ada", string(message, "from"), "message.from: " + message);
                assertEquals("hi bob", string(message, "text"), "message.text: " + message);
                assertEquals("2026-03-14T09:26:53Z", string(message, "at"), "message.at, the server's clock: " + message);
            }
            bob.leave();
            assertEquals("bob", string(ada.expect("left", "bob left"), "name"));
        }
    }

    @Test
    @DisplayName("a second connection of the same member replaces the first, which is closed with 4000")
    void newerConnectionWins() {
        try (ChatClient first = server.join("ada"); ChatClient bob = server.join("bob"); ChatClient second = server.join("ada")) {
            first.awaitClosed("the older connection of ada, replaced");
            assertTrue(first.closedWith().startsWith("4000"), "the older connection's close: " + first.closedWith());
            bob.say("still one ada?");
            JsonObject message = second.expectSkipping("message", "bob's message on ada's newer connection");
            assertEquals("still one ada?", string(message, "text"));
        }
    }

    @Test
    @DisplayName("bad JSON gets an error, and the connection keeps working")
    void badJson() {
        try (ChatClient ada = server.join("ada")) {
            ada.send("not json");
            ada.expectError("bad-json", "text that is not JSON");
            ada.say("still here");
            assertEquals("still here", string(ada.expect("message", "the message after the error"), "text"));
        }
    }

    @Test
    @DisplayName("an upgrade without a token gets 401, and no socket")
    void noToken() {
        assertEquals(401, ChatClient.handshakeStatus(server.port(), null, null), "an upgrade without a " + ReliableChatApp.TOKEN_COOKIE + " cookie");
    }

    @Test
    @DisplayName("a page from another origin gets 403 before the upgrade, even with a valid token")
    void foreignOrigin() {
        String token = server.token("ada");
        assertEquals(403, ChatClient.handshakeStatus(server.port(), token, "http://evil.example"), "an upgrade from http://evil.example");
        assertEquals(101, ChatClient.handshakeStatus(server.port(), token, "http://127.0.0.1:" + server.port()), "an upgrade from the app's own page");
    }
}
