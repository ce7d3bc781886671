package workshop.reliable;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A chat user for the tests: the JDK's own WebSocket client, logged in with a token cookie, with an
 * inbox of the JSON messages the server sent. Waiting for the next message fails fast when the
 * connection ends, and says with which code.
 */
final class ChatClient implements WebSocket.Listener, AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String label;
    private final boolean reads;
    private final Queue<JsonObject> inbox = new ConcurrentLinkedQueue<>();
    private final StringBuilder partial = new StringBuilder();
    private volatile String closed;
    private WebSocket socket;

    private ChatClient(String label, boolean reads) {
        this.label = label;
        this.reads = reads;
    }

    static URI uri(int port) {
        return URI.create("ws://127.0.0.1:" + port + ReliableChatApp.PATH);
    }

    /** Opens a chat socket to this port (the server's, or a proxy's) with the token as its cookie. */
    static ChatClient connect(int port, String label, String token) {
        return open(port, label, token, true);
    }

    /** A client that never reads what the server sends: a frozen tab, a stuck network. */
    static ChatClient connectNeverReading(int port, String label, String token) {
        return open(port, label, token, false);
    }

    private static ChatClient open(int port, String label, String token, boolean reads) {
        ChatClient client = new ChatClient(label, reads);
        client.socket = builder(token, null).buildAsync(uri(port), client).join();
        return client;
    }

    /** 101 when the server upgrades (the connection is then closed again), else the HTTP status it answered. */
    static int handshakeStatus(int port, String token, String origin) {
        try {
            ChatClient client = new ChatClient("handshake", true);
            client.socket = builder(token, origin).buildAsync(uri(port), client).join();
            client.close();
            return 101;
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw e;
        }
    }

    /** The refusal itself, or null when the server upgraded. */
    static HttpResponse<?> refusal(int port, String token) {
        try {
            ChatClient client = new ChatClient("refusal", true);
            client.socket = builder(token, null).buildAsync(uri(port), client).join();
            client.close();
            return null;
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                return refused.getResponse();
            }
            throw e;
        }
    }

    private static WebSocket.Builder builder(String token, String origin) {
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(TIMEOUT);
        if (token != null) {
            builder.header("Cookie", ReliableChatApp.TOKEN_COOKIE + "=" + token);
        }
        if (origin != null) {
            builder.header("Origin", origin);
        }
        return builder;
    }

    /** Joins, as a newcomer (lastId null) or as a member coming back. */
    void join(String lastId) {
        JsonObject join = new JsonObject();
        join.addProperty("type", "join");
        if (lastId != null) {
            join.addProperty("lastId", lastId);
        }
        send(join.toString());
    }

    /** Says something without a clientId, as a step-4 client does. */
    void say(String text) {
        send(ChatClient.message(text, null));
    }

    void say(String text, String clientId) {
        send(ChatClient.message(text, clientId));
    }

    static String message(String text, String clientId) {
        JsonObject message = new JsonObject();
        message.addProperty("type", "message");
        message.addProperty("text", text);
        if (clientId != null) {
            message.addProperty("clientId", clientId);
        }
        return message.toString();
    }

    void send(String text) {
        socket.sendText(text, true).join();
    }

    /** The next message from the server; {@code what} says what was expected, for the failure message. */
    JsonObject next(String what) {
        try {
            return await().atMost(TIMEOUT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5))
                    .until(this::pollOrFailIfClosed, Objects::nonNull);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(label + " waited " + TIMEOUT.toSeconds() + " s for " + what + ", and nothing came");
        }
    }

    /** The next message, which must have this type. */
    JsonObject expect(String type, String what) {
        JsonObject message = next("a message of type \"" + type + "\" (" + what + ")");
        assertEquals(type, type(message), label + " expected a message of type \"" + type + "\" (" + what + "), got " + brief(message));
        return message;
    }

    /** The next message of this type, skipping others (joined, left, typing notices). */
    JsonObject expectSkipping(String type, String what) {
        for (int skipped = 0; skipped < 1_000; skipped++) {
            JsonObject message = next("a message of type \"" + type + "\" (" + what + ")");
            if (type.equals(type(message))) {
                return message;
            }
        }
        throw new AssertionError(label + " got 1000 messages and none of type " + type + " (" + what + ")");
    }

    /** The next message, which must be an error with this code. */
    JsonObject expectError(String code, String what) {
        JsonObject error = expectSkipping("error", what);
        assertEquals(code, string(error, "code"), label + " got an error with the wrong code for " + what + ": " + brief(error));
        if (string(error, "message") == null || string(error, "message").isBlank()) {
            fail(label + " got an error without a human-readable \"message\": " + error);
        }
        return error;
    }

    /** Waits until the connection is closed, by either side. */
    void awaitClosed(String what) {
        try {
            await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(5)).until(() -> closed != null);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(label + " waited " + TIMEOUT.toSeconds() + " s for its connection to end ("
                    + what + "), and it stayed open");
        }
    }

    boolean isClosed() {
        return closed != null;
    }

    String closedWith() {
        return closed;
    }

    /** Everything in the inbox now. */
    List<JsonObject> drain() {
        List<JsonObject> rest = new ArrayList<>();
        for (JsonObject message = inbox.poll(); message != null; message = inbox.poll()) {
            rest.add(message);
        }
        return rest;
    }

    static String type(JsonObject message) {
        return string(message, "type");
    }

    static String string(JsonObject message, String field) {
        return message.has(field) && !message.get(field).isJsonNull() ? message.get(field).getAsString() : null;
    }

    /** The names of a joined or left notice: all who joined (or left) in the server's short window. */
    static List<String> names(JsonObject notice) {
        assertNotNull(notice.getAsJsonArray("names"), "a " + type(notice) + " notice has a list of names: " + notice);
        return notice.getAsJsonArray("names").asList().stream().map(JsonElement::getAsString).toList();
    }

    static List<JsonObject> objects(JsonArray array) {
        return array.asList().stream().map(JsonElement::getAsJsonObject).toList();
    }

    /** The message as JSON, cut short for a failure report. */
    static String brief(JsonObject message) {
        String json = message.toString();
        return json.length() <= 160 ? json : json.substring(0, 140) + "...\" (" + json.length() + " characters)";
    }

    private JsonObject pollOrFailIfClosed() {
        JsonObject message = inbox.poll();
        if (message == null && closed != null) {
            throw new AssertionError(label + ": the connection ended (" + closed + ") instead of an answer");
        }
        return message;
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        if (reads) {
            webSocket.request(1);
        }
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            inbox.add(JsonParser.parseString(partial.toString()).getAsJsonObject());
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed = statusCode + (reason.isEmpty() ? "" : " " + reason);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed = "1006, " + error;
    }

    /** Ends the connection abruptly, without a close frame. */
    @Override
    public void close() {
        socket.abort();
    }

    /** Closes the connection the polite way, with 1000. */
    void leave() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
    }
}
