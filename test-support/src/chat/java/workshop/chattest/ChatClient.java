package workshop.chattest;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A chat user for the tests of every chat step: the JDK's own WebSocket client, with an inbox of the
 * JSON messages the server sent. Waiting for the next message fails fast when the server closes the
 * connection, and the failure says with which code and reason (a TODO that throws closes it with 1011).
 * A client made with {@code reads} false, or told to {@link #stopReading}, reads nothing more: it
 * answers no ping either, as a script that hangs or a laptop that sleeps.
 */
public final class ChatClient implements WebSocket.Listener, AutoCloseable {

    public static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** How long {@link #leave()} waits for the server to answer its close. */
    private static final Duration LEAVING = Duration.ofSeconds(2);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String label;
    private volatile boolean reads;
    private final Queue<JsonObject> inbox = new ConcurrentLinkedQueue<>();
    private final StringBuilder partial = new StringBuilder();
    private volatile String closed;
    private volatile int closeCode;
    private WebSocket socket;

    private ChatClient(String label, boolean reads) {
        this.label = label;
        this.reads = reads;
    }

    public static ChatClient connect(URI uri, String label, String origin) {
        return connect(uri, label, origin, true);
    }

    /** With {@code reads} false, a client that never reads: what the server sends piles up in the network. */
    public static ChatClient connect(URI uri, String label, String origin, boolean reads) {
        return connectWith(uri, label, originHeader(origin), reads);
    }

    /**
     * A client whose handshake carries these headers: an {@code Origin}, a login {@code Cookie} (a
     * step that authenticates on the upgrade reads it there, as a browser sends its cookies by itself).
     */
    public static ChatClient connectWith(URI uri, String label, Map<String, String> headers, boolean reads) {
        ChatClient client = new ChatClient(label, reads);
        client.socket = handshake(headers).buildAsync(uri, client).join();
        return client;
    }

    private static WebSocket.Builder handshake(Map<String, String> headers) {
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(TIMEOUT);
        headers.forEach(builder::header);
        return builder;
    }

    private static Map<String, String> originHeader(String origin) {
        return origin == null ? Map.of() : Map.of("Origin", origin);
    }

    /**
     * Many clients at once, the handshakes in parallel (a crowd arrives faster, and the test spends
     * its time on the server, not on waiting for one handshake after another); in the order given.
     */
    public static List<ChatClient> connectAll(URI uri, List<String> labels) {
        List<ChatClient> clients = labels.stream().map(label -> new ChatClient(label, true)).toList();
        // At most this many handshakes at a time: a busy 2-core machine answers them all, in time.
        int together = 25;
        for (int from = 0; from < clients.size(); from += together) {
            List<ChatClient> batch = clients.subList(from, Math.min(clients.size(), from + together));
            List<CompletableFuture<WebSocket>> sockets = batch.stream()
                    .map(client -> handshake(Map.of()).buildAsync(uri, client)).toList();
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).socket = sockets.get(i).join();
            }
        }
        return clients;
    }

    /** 101 when the server upgrades (the connection is then closed again), else the HTTP status it answered. */
    public static int handshakeStatus(URI uri, String origin) {
        return handshakeStatusWith(uri, originHeader(origin));
    }

    /** The same, for a handshake with these headers (see {@link #connectWith}). */
    public static int handshakeStatusWith(URI uri, Map<String, String> headers) {
        HttpResponse<?> refused = refusal(uri, headers);
        return refused == null ? 101 : refused.statusCode();
    }

    /** The server's answer when it refuses the upgrade (status, headers, body), or null when it upgrades (then closed again). */
    public static HttpResponse<?> refusal(URI uri, Map<String, String> headers) {
        try (ChatClient client = connectWith(uri, "handshake " + headers, headers, true)) {
            return null;
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                return refused.getResponse();
            }
            throw e;
        }
    }

    public void join(String name) {
        send(json("join", "name", name));
    }

    /** Joins as a page does after a reconnect: with the token from its last welcome. */
    public void join(String name, String token) {
        JsonObject join = new JsonObject();
        join.addProperty("type", "join");
        join.addProperty("name", name);
        join.addProperty("token", token);
        send(join.toString());
    }

    public void heartbeat() {
        send("{\"type\":\"heartbeat\"}");
    }

    public void say(String text) {
        send(json("message", "text", text));
    }

    public void typing() {
        send("{\"type\":\"typing\"}");
    }

    public void send(String text) {
        socket.sendText(text, true).join();
    }

    public void sendBinary(byte[] bytes) {
        socket.sendBinary(ByteBuffer.wrap(bytes), true).join();
    }

    /** The next message from the server; {@code what} says what was expected, for the failure message. */
    public JsonObject next(String what) {
        try {
            return await().atMost(TIMEOUT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5))
                    .until(this::pollOrFailIfClosed, Objects::nonNull);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(label + " waited " + TIMEOUT.toSeconds() + " s for " + what + ", and nothing came");
        }
    }

    /** The next message, which must have this type. */
    public JsonObject expect(String type, String what) {
        JsonObject message = next("a message of type \"" + type + "\" (" + what + ")");
        assertEquals(type, type(message), label + " expected a message of type \"" + type + "\" (" + what + "), got " + brief(message));
        return message;
    }

    /**
     * The next message of this type; others before it are passed over. For a test that counts one
     * kind of message while the room's notices (joined, left, typing) come in between.
     */
    public JsonObject expectSkipping(String type, String what) {
        JsonObject message = next("a message of type \"" + type + "\" (" + what + ")");
        while (!type.equals(type(message))) {
            message = next("a message of type \"" + type + "\" (" + what + "), after " + brief(message));
        }
        return message;
    }

    /** The next message, which must be an error with this code. */
    public JsonObject expectError(String code, String what) {
        return checkError(expect("error", what), code, what);
    }

    /**
     * The next error, which must have this code; notices and messages before it are passed over. For
     * an answer that the room's other events (someone's {@code left}, a chatter's line) may overtake.
     */
    public JsonObject awaitError(String code, String what) {
        JsonObject message = next("an error \"" + code + "\" (" + what + ")");
        while (!"error".equals(type(message))) {
            message = next("an error \"" + code + "\" (" + what + "), after " + brief(message));
        }
        return checkError(message, code, what);
    }

    /**
     * The next {@code joined} notices, until they have named exactly these members, in this order:
     * the server gathers the joins of a short window into one notice, so three joins may come as
     * one, two or three notices. Anything else first fails.
     */
    public JsonObject expectJoined(String what, String... names) {
        return expectPresence("joined", what, names);
    }

    /** The next {@code left} notices, until they have named exactly these members: see {@link #expectJoined}. */
    public JsonObject expectLeft(String what, String... names) {
        return expectPresence("left", what, names);
    }

    private JsonObject expectPresence(String type, String what, String... names) {
        List<String> heard = new ArrayList<>();
        JsonObject last = null;
        while (heard.size() < names.length) {
            last = expect(type, what);
            heard.addAll(names(last));
            assertEquals(List.of(names).subList(0, Math.min(heard.size(), names.length)), heard,
                    label + " expected " + type + " notices naming " + List.of(names) + " (" + what + "), got " + brief(last));
        }
        return last;
    }

    /** The names of a {@code joined} or {@code left} notice. */
    public static List<String> names(JsonObject notice) {
        return notice.has("names") ? notice.getAsJsonArray("names").asList().stream().map(name -> name.getAsString()).toList() : List.of();
    }

    private JsonObject checkError(JsonObject error, String code, String what) {
        assertEquals(code, string(error, "code"), label + " got an error with the wrong code for " + what + ": " + brief(error));
        if (string(error, "message") == null || string(error, "message").isBlank()) {
            fail(label + " got an error without a human-readable \"message\": " + error);
        }
        return error;
    }

    /** Waits for the server to close the connection; returns the close code. */
    public int awaitClose(String what) {
        try {
            await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(5)).until(() -> closed != null);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(label + " waited " + TIMEOUT.toSeconds() + " s for the server to close the connection ("
                    + what + "), and it stayed open");
        }
        return closeCode;
    }

    /** Everything left in the inbox. After {@link #awaitClose}, that is all the server sent. */
    public List<JsonObject> rest() {
        List<JsonObject> rest = new ArrayList<>();
        for (JsonObject message = inbox.poll(); message != null; message = inbox.poll()) {
            rest.add(message);
        }
        return rest;
    }

    public static String type(JsonObject message) {
        return string(message, "type");
    }

    public static String string(JsonObject message, String field) {
        return message.has(field) && !message.get(field).isJsonNull() ? message.get(field).getAsString() : null;
    }

    /** The message as JSON, cut short: a test may send 500 characters, a failure report needs 100. */
    public static String brief(JsonObject message) {
        String json = message.toString();
        return json.length() <= 120 ? json : json.substring(0, 100) + "...\" (" + json.length() + " characters)";
    }

    public static String json(String type, String field, String value) {
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
    public void startReading() {
        reads = true;
        socket.request(1);
    }

    /** From the next message on, reads nothing, and so answers no ping: a peer that hangs. */
    public void stopReading() {
        reads = false;
    }

    /** The messages received so far, without waiting; they stay in the inbox. */
    public List<JsonObject> received() {
        return List.copyOf(inbox);
    }

    public boolean isClosed() {
        return closed != null;
    }

    /** How the connection ended: the close code and its reason ("4001 replaced"), or "1006, " and the error; null while open. */
    public String closedWith() {
        return closed;
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
        if (reads) {
            webSocket.request(1);
        }
        return null;
    }

    @Override
    public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
        // The JDK answers the ping by itself; a client that stopped reading reads no frame after this one.
        if (reads) {
            webSocket.request(1);
        }
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

    /** The label the test gave it, which is also the name it joins with in most tests. */
    @Override
    public String toString() {
        return label;
    }

    @Override
    public void close() {
        socket.abort();
    }

    /**
     * Closes the connection the polite way, with 1000, and waits a moment for the server's close. By
     * then the server has read all this client sent before its close; a {@link #close()} sooner may
     * reset the connection while the server's kernel still holds unread messages, and a reset throws
     * them away (RFC 6455 §7.1.1 leaves closing TCP to the server for this reason).
     */
    public void leave() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
        try {
            await().atMost(LEAVING).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5)).until(() -> closed != null);
        } catch (ConditionTimeoutException noAnswer) {
            // A client that stopped reading never sees the answer; the test goes on without it.
        }
    }

    // For step 6, where events from several servers interleave: these pass over what they do not look for.

    /** Joins as step 6's page does after a move to another server: with the id of the last message it showed. */
    public void joinAfter(String name, String lastId) {
        JsonObject join = new JsonObject();
        join.addProperty("type", "join");
        join.addProperty("name", name);
        join.addProperty("lastId", lastId);
        send(join.toString());
    }

    /** The next message of this type, passing over others (notices, typing, messages). */
    public JsonObject nextOf(String type, String what) {
        return nextOf(type, what, TIMEOUT);
    }

    /** The same, waiting at most {@code timeout} for each message. */
    public JsonObject nextOf(String type, String what, Duration timeout) {
        while (true) {
            JsonObject message;
            try {
                message = await().atMost(timeout).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5))
                        .until(this::pollOrFailIfClosed, Objects::nonNull);
            } catch (ConditionTimeoutException e) {
                throw new AssertionError(label + " waited " + timeout.toSeconds() + " s for a message of type \"" + type + "\" (" + what + ")");
            }
            if (type.equals(type(message))) {
                return message;
            }
        }
    }

    /** The next chat message, passing over notices and typing; an error instead fails. */
    public JsonObject nextMessage(String what) {
        JsonObject message = next("a chat message (" + what + ")");
        while (!"message".equals(type(message))) {
            if ("error".equals(type(message))) {
                throw new AssertionError(label + " expected a chat message (" + what + "), got an error: " + brief(message));
            }
            message = next("a chat message (" + what + "), after " + brief(message));
        }
        return message;
    }

    /** Names that {@code left} notices named, read so far by {@link #sawLeft}. */
    private final java.util.Set<String> left = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Reads everything that came so far (it leaves the inbox); whether a {@code left} notice named {@code name}. */
    public boolean sawLeft(String name) {
        for (JsonObject message = inbox.poll(); message != null; message = inbox.poll()) {
            if ("left".equals(type(message))) {
                left.addAll(names(message));
            }
        }
        return left.contains(name);
    }
}
