package workshop.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import workshop.chattest.ChatClient;
import workshop.chattest.Page;
import workshop.chattest.ServerLog;
import workshop.core.Limits;
import workshop.core.WebSocketApp;

@DisplayName("Given: the server (chat-core's WebSocketApp and Hub): the page, the checks before the upgrade, and /chat handed to the room")
class GivenWiringTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private ChatServer server = new ChatServer();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    @DisplayName("the page is served at / with a Content-Security-Policy, and no session cookie")
    void page() throws Exception {
        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create(server.page())).build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(200, page.statusCode(), "GET / should serve index.html from /public on the classpath (config.staticFiles.add)");
        assertTrue(page.body().contains("chat.js"), "GET / should be the chat page, index.html; came: " + page.body().lines().limit(3).toList());
        assertEquals(WebSocketApp.PAGE_HEADERS.get("Content-Security-Policy"), page.headers().firstValue("Content-Security-Policy").orElse(null),
                "the page's Content-Security-Policy header: set the static files' headers to WebSocketApp.PAGE_HEADERS");
        assertEquals(List.of(), page.headers().allValues("Set-Cookie"), "the page sets no cookie");
    }

    @Test
    @DisplayName("in a browser, the page's inputs count characters as the server does: an emoji is one, not two")
    void pageCountsCharacters() {
        try (Page page = Page.open()) {
            page.load(server.page());
            page.assertCountsCharacters(Limits.MAX_NAME_LENGTH, Limits.MAX_TEXT_LENGTH);
        }
    }

    @Test
    @DisplayName("a text on /chat reaches the room: not JSON gets bad-json, an unknown type gets unknown-type")
    void textReachesTheRoom() {
        try (ChatClient ada = server.connect("ada")) {
            ada.send("{\"type\":\"join\",");
            ada.send("{\"type\":\"dance\"}");

            ada.expectError("bad-json", "the room's answer to a half-written JSON object: ws.onMessage → Hub.received → ChatRoom.received");
            ada.expectError("unknown-type", "the room's answer to {\"type\":\"dance\"}");
        }
    }

    @Test
    @DisplayName("an upgrade without a good Sec-WebSocket-Key gets 400 and a plain reason, no stack trace in the log")
    void malformedUpgrade() throws IOException {
        try (ServerLog log = ServerLog.capture()) {
            for (String key : new String[] {null, "abc", "not base64 at all, but 24", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}) {
                String answer = rawUpgrade(key);
                assertTrue(answer.startsWith("HTTP/1.1 400"), "an upgrade with Sec-WebSocket-Key " + key
                        + " must get 400 before the upgrade (UpgradeCheck.check in wsBeforeUpgrade); came: " + firstLine(answer));
                assertTrue(answer.contains("Sec-WebSocket-Key"), "the 400 says what is wrong, in plain text; came: " + answer);
            }
            assertEquals(List.of(), log.troubles(), "a malformed upgrade is the client's mistake: nothing for the server's log");
        }
    }

    @Test
    @DisplayName("an upgrade makes no HTTP session: no Set-Cookie on the 101, and none kept in the server")
    void noSession() throws IOException {
        for (int i = 0; i < 3; i++) {
            String answer = rawUpgrade("dGhlIHNhbXBsZSBub25jZQ==", "");
            assertTrue(answer.startsWith("HTTP/1.1 101"), "a good upgrade gets 101; came: " + firstLine(answer));
            assertFalse(answer.toLowerCase(java.util.Locale.ROOT).contains("set-cookie"), "the 101 sets no cookie; came: " + answer);
        }
        assertEquals(0, server.sessionsCreated(), "Javalin's upgrade asks for the HTTP session's attributes, which makes a session"
                + " per socket unless the request shows it none: see WebSocketApp");
    }

    @Test
    @DisplayName("a binary message closes that connection with 1003")
    void binaryMessage() {
        try (ChatClient ada = server.connect("ada")) {
            ada.sendBinary(new byte[] {1, 2, 3});

            assertEquals(1003, ada.awaitClose("a binary message"), "1003: this endpoint takes text only (RFC 6455 §7.4.1): ws.onBinaryMessage");
        }
    }

    @Test
    @DisplayName("a message over Limits.MAX_MESSAGE_BYTES closes that connection with 1009")
    void oversizedMessage() {
        try (ChatClient ada = server.connect("ada")) {
            ada.say("z".repeat(Limits.MAX_MESSAGE_BYTES + 1));

            assertEquals(1009, ada.awaitClose("a message bigger than Limits.MAX_MESSAGE_BYTES"),
                    "Jetty closes with 1009, message too big (RFC 6455 §7.4.1), once /chat is a WebSocket route");
        }
    }

    @Test
    @DisplayName("stopping the server closes every connection with 1001, going away")
    void stopSaysGoingAway() {
        try (ChatClient ada = server.connect("ada"); ChatClient bob = server.connect("bob")) {
            // A client has its 101 a moment before Jetty has opened the session on its side; a stop in
            // that moment drops the connection (1006) instead of closing it: wait until the hub has both.
            await("the hub counts ada and bob").atMost(ChatClient.TIMEOUT).until(() -> server.hub().open() == 2);
            server.stop();

            assertEquals(1001, ada.awaitClose("the server stopped"), "ada's close code when the server stops (RFC 6455 §7.4.1); came: " + ada.closedWith());
            assertEquals(1001, bob.awaitClose("the server stopped"), "bob's close code when the server stops (RFC 6455 §7.4.1); came: " + bob.closedWith());
        }
    }

    @Test
    @DisplayName("past the connections allowed from one address, a new one is closed with 1013; a closed one frees its place")
    void connectionsPerAddress() {
        server.close();
        server = new ChatServer(100, 2);
        try (ChatClient first = server.connect("first"); ChatClient second = server.connect("second");
                ChatClient third = server.connect("third")) {
            assertEquals(1013, third.awaitClose("a third connection from 127.0.0.1 with 2 allowed per address (ws.onConnect → Hub.connected)"),
                    "1013, try again later");
            first.leave();
            first.awaitClose("first's own close");
            // The room hears of first's close a moment after first does: try until a newcomer stays.
            await().atMost(ChatClient.TIMEOUT).until(this::aNewcomerStays);
        }
    }

    private boolean aNewcomerStays() {
        try (ChatClient newcomer = server.connect("newcomer")) {
            newcomer.send("{}");
            return "error".equals(ChatClient.type(newcomer.next("an answer to {}: the place first left is free (ws.onClose → Hub.disconnected)")));
        } catch (AssertionError closedInstead) {
            return false;
        }
    }

    @Test
    @DisplayName("past the connections allowed in all, a new one is closed with 1013")
    void connectionsInAll() {
        server.close();
        server = new ChatServer(2, 100);
        try (ChatClient first = server.connect("first"); ChatClient second = server.connect("second");
                ChatClient third = server.connect("third")) {
            assertEquals(1013, third.awaitClose("a third connection with 2 allowed in all"), "1013, try again later");
            second.send("{}");
            second.expectError("bad-json", "the answer to {}: the others stay");
        }
    }

    @Test
    @DisplayName("a connection that does not join within Limits.JOIN_DEADLINE is closed with 1008")
    void joinDeadline() {
        try (ChatClient idle = server.connect("idle")) {
            // The room handles events in order: once it answers, it has seen the connection open.
            idle.send("{}");
            idle.expectError("bad-json", "the answer to {}, a sign that the room has seen the connection");
            server.clock.advance(Limits.JOIN_DEADLINE.plusSeconds(1));

            assertEquals(1008, idle.awaitClose("a connection that never joined, past Limits.JOIN_DEADLINE"), "1008, policy violation");
        }
    }

    @Test
    @DisplayName("the 101 declines permessage-deflate, which every browser offers: no Sec-WebSocket-Extensions (Limits.DEFLATE)")
    void deflateDeclined() throws IOException {
        String answer = rawUpgrade("dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n");
        assertTrue(answer.startsWith("HTTP/1.1 101"), "an upgrade offering permessage-deflate, as Chromium's: " + firstLine(answer));
        String head = answer.substring(0, Math.max(0, answer.indexOf("\r\n\r\n")));
        assertFalse(head.toLowerCase().contains("sec-websocket-extensions"),
                "the server declines the extension (Limits.DEFLATE is off, see the README): " + head);
    }

    private String rawUpgrade(String key) throws IOException {
        return rawUpgrade(key, "Connection: close\r\n");
    }

    /** The server's answer to an upgrade request; with {@code extra} headers, it reads the response head only. */
    private String rawUpgrade(String key, String extra) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout((int) Duration.ofSeconds(10).toMillis());
            String request = "GET /chat HTTP/1.1\r\nHost: 127.0.0.1:" + server.port() + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Version: 13\r\n" + (key == null ? "" : "Sec-WebSocket-Key: " + key + "\r\n") + extra + "\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            if (!extra.startsWith("Connection: close")) {
                StringBuilder head = new StringBuilder();
                while (!head.toString().endsWith("\r\n\r\n")) {
                    int b = in.read();
                    if (b < 0) {
                        break;
                    }
                    head.append((char) b);
                }
                return head.toString();
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String firstLine(String answer) {
        return answer.lines().findFirst().orElse("(nothing)");
    }
}
