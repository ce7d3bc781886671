package workshop.game;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;
import org.awaitility.core.ConditionTimeoutException;
import workshop.testing.WholeMessages;

/**
 * A player or a spectator for the tests: the JDK's own WebSocket client, keeping every snapshot (as
 * {@link Snapshot#decode} reads it) and every JSON message the server sent. A wait fails fast when the
 * server closes the connection, and says with which code and reason.
 */
final class Bot extends WholeMessages implements AutoCloseable {

    /** How long a test waits for what should come: long enough for a machine under load, short for a red run. */
    static final Duration PATIENCE = Duration.ofSeconds(5);
    private static final Duration CONNECT = Duration.ofSeconds(15);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final Queue<Snapshot> snapshots = new ConcurrentLinkedQueue<>();
    final Queue<JsonObject> texts = new ConcurrentLinkedQueue<>();
    final Queue<String> problems = new ConcurrentLinkedQueue<>();
    JsonObject welcome;
    private volatile Integer closeCode;
    private volatile String closeReason;
    private WebSocket socket;
    private int seq;

    static Bot connect(URI uri) {
        Bot bot = new Bot();
        bot.socket = HTTP.newWebSocketBuilder().connectTimeout(CONNECT).buildAsync(uri, bot).join();
        return bot;
    }

    void join(String name) {
        JsonObject join = new JsonObject();
        join.addProperty("type", "join");
        join.addProperty("name", name);
        sendText(join.toString());
    }

    int id() {
        return welcome.get("you").getAsInt();
    }

    int match() {
        return welcome.get("match").getAsInt();
    }

    /** Sends the next input: the keys, with the next sequence number. */
    int input(int keys) {
        seq++;
        sendBinary(ByteBuffer.allocate(Inputs.BYTES).put(Inputs.OPCODE).putInt(seq).put((byte) keys).array());
        return seq;
    }

    void sendText(String message) {
        socket.sendText(message, true).join();
    }

    void sendBinary(byte[] message) {
        socket.sendBinary(ByteBuffer.wrap(message), true).join();
    }

    /** Waits for a JSON message of this type, and takes it (with the ones before it) from the inbox. */
    JsonObject expect(String type, String where) {
        JsonObject[] found = new JsonObject[1];
        waitFor("a \"" + type + "\" message: " + where, PATIENCE, () -> {
            for (JsonObject message; (message = texts.poll()) != null; ) {
                if (type.equals(message.get("type").getAsString())) {
                    found[0] = message;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    /** Waits for a snapshot that passes the test; returns it. */
    Snapshot expectSnapshot(String what, Predicate<Snapshot> test) {
        return expectSnapshot(what, PATIENCE, test);
    }

    Snapshot expectSnapshot(String what, Duration patience, Predicate<Snapshot> test) {
        Snapshot[] found = new Snapshot[1];
        waitFor(what, patience, () -> {
            for (Snapshot snapshot : List.copyOf(snapshots)) {
                if (test.test(snapshot)) {
                    found[0] = snapshot;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    /** Waits for the server to close the connection; returns the code, and the reason after a space. */
    String expectClose(String what) {
        try {
            await().atMost(PATIENCE).until(() -> closeCode != null);
        } catch (ConditionTimeoutException e) {
            fail("expected the server to close the connection (" + what + "), but it is still open after " + PATIENCE.toSeconds() + " s");
        }
        return closeCode + " " + closeReason;
    }

    boolean isClosed() {
        return closeCode != null;
    }

    List<Snapshot> snapshotList() {
        return new ArrayList<>(snapshots);
    }

    private void waitFor(String what, Duration patience, Callable<Boolean> condition) {
        boolean[] met = new boolean[1];
        try {
            await().atMost(patience).until(() -> (met[0] = condition.call()) || closeCode != null);
        } catch (ConditionTimeoutException e) {
            fail("expected " + what + " within " + patience.toSeconds() + " s; none came (" + snapshots.size() + " snapshots so far)");
        }
        if (!met[0]) {
            fail("expected " + what + ", but the server closed the connection with " + closeCode + " " + closeReason);
        }
    }

    @Override
    protected void onWholeText(String message) {
        texts.add(JsonParser.parseString(message).getAsJsonObject());
    }

    @Override
    protected void onWholeBinary(byte[] message) {
        try {
            snapshots.add(Snapshot.decode(ByteBuffer.wrap(message)));
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeReason = reason;
        closeCode = statusCode;
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closeReason = String.valueOf(error);
        closeCode = 1006;
    }

    /** Drops the connection, without a close frame: the server copes with that too. */
    @Override
    public void close() {
        if (closeCode == null) {
            socket.abort();
        }
    }
}
