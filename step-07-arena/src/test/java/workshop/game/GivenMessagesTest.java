package workshop.game;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Given: joins, matches of Limits.MATCH_PLAYERS, and a close code with a reason for a message the game does not take")
class GivenMessagesTest {

    private final GameServer server = new GameServer();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    @DisplayName("a connection hears the rules; a join gets a welcome with its id and match, and the match a roster")
    void join() {
        try (Bot ada = server.spectator()) {
            assertEquals(Limits.SPEED, ada.expect("hello", "the first message to any connection").getAsJsonObject("rules").get("speed").getAsInt(),
                    "the speed in the hello's rules");
            ada.join("ada");
            ada.welcome = ada.expect("welcome", "the answer to a join");
            assertEquals(1, ada.match(), "the first player's match");
            assertEquals("ada", ada.expect("roster", "the list of names of the match").getAsJsonArray("players").get(0).getAsJsonObject().get("name").getAsString(),
                    "the name in the roster");
        }
    }

    @Test
    @DisplayName("a match holds Limits.MATCH_PLAYERS players; the next one starts match 2")
    void matchesFill() {
        java.util.List<Bot> bots = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < Limits.MATCH_PLAYERS; i++) {
                bots.add(server.join("p" + i));
                assertEquals(1, bots.get(i).match(), "the match of player " + (i + 1));
            }
            bots.add(server.join("late"));
            assertEquals(2, bots.get(Limits.MATCH_PLAYERS).match(), "the match of player " + (Limits.MATCH_PLAYERS + 1));
        } finally {
            bots.forEach(Bot::close);
        }
    }

    @Test
    @DisplayName("a page from another origin gets 403 and no socket (the chat core's UpgradeCheck)")
    void foreignOrigin() {
        java.util.concurrent.CompletionException refused = org.junit.jupiter.api.Assertions.assertThrows(java.util.concurrent.CompletionException.class,
                () -> java.net.http.HttpClient.newHttpClient().newWebSocketBuilder().header("Origin", "http://evil.example")
                        .buildAsync(server.uri(""), new java.net.http.WebSocket.Listener() { }).join(), "an upgrade from http://evil.example");
        assertEquals(403, ((java.net.http.WebSocketHandshakeException) refused.getCause()).getResponse().statusCode(), "the status for a foreign origin");
    }

    @Test
    @DisplayName("the 101 declines permessage-deflate, which every browser offers (the chat core's WebSocketApp.serve)")
    void deflateDeclined() throws java.io.IOException {
        java.net.URI uri = server.uri("");
        try (java.net.Socket socket = new java.net.Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(10_000);
            String request = "GET " + GameApp.PATH + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                    + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            StringBuilder head = new StringBuilder();
            java.io.InputStream in = socket.getInputStream();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b == -1) {
                    break;
                }
                head.append((char) b);
            }
            assertTrue(head.toString().startsWith("HTTP/1.1 101"), "an upgrade offering permessage-deflate, as Chromium's: " + head);
            assertTrue(!head.toString().toLowerCase().contains("sec-websocket-extensions"),
                    "the game declines the extension, as the chat does (see the README's figures): " + head);
        }
    }

    @Test
    @DisplayName("a message over Limits.MAX_MESSAGE_BYTES is closed with 1009 (by Jetty)")
    void tooBig() {
        try (Bot bot = server.join("big")) {
            bot.sendBinary(new byte[Limits.MAX_MESSAGE_BYTES + 1]);
            assertTrue(bot.expectClose("a binary message of " + (Limits.MAX_MESSAGE_BYTES + 1) + " bytes").startsWith("1009 "), "the close for an oversized message");
        }
    }

    @Test
    @DisplayName("text that is not JSON is closed with 1008; an unknown type with 1003; an input before a join with 1008")
    void malformed() {
        try (Bot notJson = server.spectator(); Bot unknown = server.spectator(); Bot early = server.spectator()) {
            notJson.sendText("hello?");
            unknown.sendText("{\"type\":\"teleport\",\"x\":5}");
            early.sendBinary(new byte[] {0x01, 0, 0, 0, 1, 8});
            assertTrue(notJson.expectClose("text that is not JSON").startsWith("1008 Not a JSON object"), "the close for text that is not JSON");
            assertTrue(unknown.expectClose("a message of type teleport").startsWith("1003 Unknown message type"), "the close for an unknown type");
            assertTrue(early.expectClose("an input before a join").startsWith("1008 Join first"), "the close for an input before a join");
        }
    }
}
