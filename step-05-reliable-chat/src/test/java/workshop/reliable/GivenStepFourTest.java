package workshop.reliable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static workshop.chattest.ChatClient.names;
import static workshop.chattest.ChatClient.string;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import workshop.chattest.ChatClient;

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
            assertEquals(List.of("bob"), names(ada.expect("joined", "bob joined")));

            ada.say("hi bob");
            for (ChatClient client : List.of(ada, bob)) {
                JsonObject message = client.expect("message", "ada's message");
                assertEquals("ada", string(message, "from"), "message.from: " + message);
                assertEquals("hi bob", string(message, "text"), "message.text: " + message);
                assertEquals("2026-03-14T09:26:53Z", string(message, "at"), "message.at, the server's clock: " + message);
            }
            bob.leave();
            assertEquals(List.of("bob"), names(ada.expect("left", "bob left")));
        }
    }

    @Test
    @DisplayName("a second connection of the same member replaces the first, which is closed with 4001, as in step 4")
    void newerConnectionWins() {
        try (ChatClient first = server.join("ada"); ChatClient bob = server.join("bob"); ChatClient second = server.join("ada")) {
            first.awaitClose("the older connection of ada, replaced");
            assertTrue(first.closedWith().startsWith("4001 "), "the older connection's close, 4001 as step 4's take-over: " + first.closedWith());
            bob.say("still one ada?");
            JsonObject message = second.expectSkipping("message", "bob's message on ada's newer connection");
            assertEquals("still one ada?", string(message, "text"));
        }
    }

    @Test
    @DisplayName("joined and left carry the names and the count, not the whole list, as in step 4")
    void presenceNotices() {
        try (ChatClient ada = server.join("ada"); ChatClient bob = server.join("bob")) {
            JsonObject joined = ada.expect("joined", "bob joined");
            assertEquals(List.of("bob"), names(joined), "joined.names: " + joined);
            assertEquals(2, joined.has("count") ? joined.get("count").getAsInt() : -1, "joined.count, the members now: " + joined);
            assertFalse(joined.has("online"), "a joined notice carries no list, so a join costs each member one name: " + joined);
            bob.leave();
            JsonObject left = ada.expect("left", "bob left");
            assertEquals(List.of("bob"), names(left), "left.names: " + left);
            assertEquals(1, left.has("count") ? left.get("count").getAsInt() : -1, "left.count, the members still here: " + left);
            assertFalse(left.has("online"), "a left notice carries no list: " + left);
        }
    }

    @Test
    @DisplayName("bad JSON gets an error, and the connection keeps working")
    void badJson() {
        try (ChatClient ada = server.join("ada")) {
            ada.send("not json");
            ada.awaitError("bad-json", "text that is not JSON");
            ada.say("still here");
            assertEquals("still here", string(ada.expect("message", "the message after the error"), "text"));
        }
    }

    @Test
    @DisplayName("an upgrade without a token gets 401, and no socket")
    void noToken() {
        assertEquals(401, server.handshakeStatus(null, null), "an upgrade without a " + ReliableChatApp.TOKEN_COOKIE + " cookie");
    }

    @Test
    @DisplayName("the 401 says why in plain text, and sets no cookie")
    void refusalIsPlain() throws IOException {
        String answer = server.rawUpgrade(ChatServer.KEY, null);
        assertTrue(answer.startsWith("HTTP/1.1 401"), "an upgrade without a token: " + firstLine(answer));
        assertTrue(answer.contains("text/plain"), "the 401 is plain text, as step 4's refusals: " + answer);
        assertTrue(body(answer).contains("/login"), "the 401's body says what to do (log in first): " + answer);
        assertFalse(answer.contains("Set-Cookie"), "the 401 sets no cookie: " + answer);
    }

    @Test
    @DisplayName("an upgrade that gets in sets no cookie: no HTTP session per socket")
    void noSessionCookie() throws IOException {
        String answer = server.rawUpgrade(ChatServer.KEY, server.token("ada"));
        assertTrue(answer.startsWith("HTTP/1.1 101"), "an upgrade with a valid token: " + firstLine(answer));
        assertFalse(answer.contains("Set-Cookie"), "the 101 sets no cookie (Javalin makes a JSESSIONID unless told not to): " + answer);
    }

    @Test
    @DisplayName("an upgrade without a good Sec-WebSocket-Key gets 400 and a plain reason, no stack trace in the log")
    void malformedKey() throws IOException {
        String token = server.token("ada");
        for (String key : new String[] {null, "abc", "not base64 at all, but 24", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}) {
            String answer = server.rawUpgrade(key, token);
            assertTrue(answer.startsWith("HTTP/1.1 400"), "an upgrade with Sec-WebSocket-Key " + key + ", as in step 4: " + firstLine(answer));
            assertTrue(body(answer).contains("Sec-WebSocket-Key"), "the 400 says what is wrong, in plain text: " + answer);
        }
        assertEquals(List.of(), server.log.troubles(), "a malformed upgrade is the client's mistake: nothing for the server's log");
    }

    @Test
    @DisplayName("a login takes step 4's nicknames: NFKC, trimmed, characters counted; nothing blank-looking or hidden")
    void strictNames() {
        for (String name : List.of("\u00A0", "\u2800", "\u3164", "a\u2028b", "\u200B", "\u202Eevil", "\u0301ada", "n".repeat(Limits.MAX_NAME_LENGTH + 1))) {
            HttpResponse<String> answer = server.login(name, ChatServer.PASSPHRASE);
            assertEquals(400, answer.statusCode(), "POST /login as " + escaped(name) + ": " + answer.body());
            assertTrue(answer.body().contains("name-invalid"), "the refusal's code: " + answer.body());
        }
        assertEquals("ada", JsonParser.parseString(server.login("\uFF41\uFF44\uFF41", ChatServer.PASSPHRASE).body())
                .getAsJsonObject().get("name").getAsString(), "full-width \uFF41\uFF44\uFF41 logs in as ada (NFKC)");
        String emoji = "\uD83D\uDE00".repeat(Limits.MAX_NAME_LENGTH);
        assertEquals(200, server.login(emoji, ChatServer.PASSPHRASE).statusCode(), Limits.MAX_NAME_LENGTH + " emoji: characters, not UTF-16 units");
    }

    @Test
    @DisplayName("in a browser, the page's inputs count characters as the server does: an emoji is one, not two (no maxlength)")
    void pageCountsCharacters() {
        try (Page page = Page.open()) {
            page.load(server.page());
            page.assertCountsCharacters(Limits.MAX_NAME_LENGTH, Limits.MAX_TEXT_LENGTH);
        }
    }

    @Test
    @DisplayName("a page from another origin gets 403 before the upgrade, even with a valid token")
    void foreignOrigin() {
        String token = server.token("ada");
        assertEquals(403, server.handshakeStatus(token, "http://evil.example"), "an upgrade from http://evil.example");
        assertEquals(101, server.handshakeStatus(token, "http://127.0.0.1:" + server.port()), "an upgrade from the app's own page");
    }

    private static String firstLine(String answer) {
        return answer.lines().findFirst().orElse("(nothing)");
    }

    private static String body(String answer) {
        int end = answer.indexOf("\r\n\r\n");
        return end < 0 ? "" : answer.substring(end + 4);
    }

    private static String escaped(String name) {
        StringBuilder out = new StringBuilder("\"");
        name.chars().forEach(c -> out.append(c < 0x7f && c >= 0x20 ? String.valueOf((char) c) : String.format("\\u%04X", c)));
        return out.append('"').toString();
    }
}
