package workshop.chat;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
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
 * A chat user for the tests: the JDK's own WebSocket client, with an inbox of the JSON messages
 * the server sent. Waiting for the next message fails fast when the server closes the connection,
 * and the failure says with which code and reason (a TODO that throws closes it with 1011).
 */
final class ChatClient implements WebSocket.Listener, AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String label;
    private final boolean reads;
    private final Queue<JsonObject> inbox = new ConcurrentLinkedQueue<>();
    private final StringBuilder partial = new StringBuilder();
    private volatile String closed;
    private volatile int closeCode;
    private WebSocket socket;

    private ChatClient(String label, boolean reads) {
        this.label = label;
        this.reads = reads;
    }

    static ChatClient connect(URI uri, String label, String origin) {
        return connect(uri, label, origin, true);
    }

    /** With {@code reads} false, a client that never reads: what the server sends piles up in the network. */
    static ChatClient connect(URI uri, String label, String origin, boolean reads) {
        ChatClient client = new ChatClient(label, reads);
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(TIMEOUT);
        if (origin != null) {
            builder.header("Origin", origin);
        }
        client.socket = builder.buildAsync(uri, client).join();
        return client;
    }

    /** 101 when the server upgrades (the connection is then closed again), else the HTTP status it answered. */
    static int handshakeStatus(URI uri, String origin) {
        try (ChatClient client = connect(uri, "origin " + origin, origin)) {
            return 101;
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw e;
        }
    }

    void join(String name) {
        send(json("join", "name", name));
    }

    /** Joins as a page does after a reconnect: with the token from its last welcome. */
    void join(String name, String token) {
        JsonObject join = new JsonObject();
        join.addProperty("type", "join");
        join.addProperty("name", name);
        join.addProperty("token", token);
        send(join.toString());
    }

    void heartbeat() {
        send("{\"type\":\"heartbeat\"}");
    }

    void say(String text) {
        send(json("message", "text", text));
    }

    void typing() {
        send("{\"type\":\"typing\"}");
    }

    void send(String text) {
        socket.sendText(text, true).join();
    }

    void sendBinary(byte[] bytes) {
        socket.sendBinary(ByteBuffer.wrap(bytes), true).join();
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

    /** The next message, which must be an error with this code. */
    JsonObject expectError(String code, String what) {
        return checkError(expect("error", what), code, what);
    }

    /**
     * The next error, which must have this code; notices and messages before it are passed over. For
     * an answer that the room's other events (someone's {@code left}, a chatter's line) may overtake.
     */
    JsonObject awaitError(String code, String what) {
        JsonObject message = next("an error \"" + code + "\" (" + what + ")");
        while (!"error".equals(type(message))) {
            message = next("an error \"" + code + "\" (" + what + "), after " + brief(message));
        }
        return checkError(message, code, what);
    }

    private JsonObject checkError(JsonObject error, String code, String what) {
        assertEquals(code, string(error, "code"), label + " got an error with the wrong code for " + what + ": " + brief(error));
        if (string(error, "message") == null || string(error, "message").isBlank()) {
            fail(label + " got an error without a human-readable \"message\": " + error);
        }
        return error;
    }

    /** Waits for the server to close the connection; returns the close code. */
    int awaitClose(String what) {
        try {
            await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(5)).until(() -> closed != null);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(label + " waited " + TIMEOUT.toSeconds() + " s for the server to close the connection ("
                    + what + "), and it stayed open");
        }
        return closeCode;
    }

    /** Everything left in the inbox. After {@link #awaitClose}, that is all the server sent. */
    List<JsonObject> rest() {
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

    /** The message as JSON, cut short: a test may send 500 characters, a failure report needs 100. */
    static String brief(JsonObject message) {
        String json = message.toString();
        return json.length() <= 120 ? json : json.substring(0, 100) + "...\" (" + json.length() + " characters)";
    }

    static String json(String type, String field, String value) {
        JsonObject message = new JsonObject();
        message.addProperty("type", type);
        message.addProperty(field, value);
        return message.toString();
    }

    private JsonObject pollOrFailIfClosed() {
        JsonObject message = inbox.poll();
        if (message == null && closed != null) {
            throw new AssertionError(label + ": the server closed the connection (" + closed + ") instead of answering");
        }
        return message;
    }

    /** For a client made with {@code reads} false: from now on it reads. */
    void startReading() {
        socket.request(1);
    }

    boolean isClosed() {
        return closed != null;
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
        closeCode = statusCode;
        closed = statusCode + (reason.isEmpty() ? "" : " " + reason);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closeCode = 1006;
        closed = "1006, " + error;
    }

    @Override
    public void close() {
        socket.abort();
    }

    /** Closes the connection the polite way, with 1000. */
    void leave() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
    }
}
