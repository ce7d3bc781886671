package workshop.handshake;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.core.ConditionTimeoutException;
import workshop.testing.WholeMessages;

/** The JDK's own WebSocket client (java.net.http), which nobody in this workshop wrote. */
final class JdkClient extends WholeMessages {

    /** Long enough for a slow, busy laptop; every wait ends as soon as its event happens. */
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** The text messages received, in order. */
    final List<String> texts = new CopyOnWriteArrayList<>();

    /** The status code of the server's close frame; -1 until one comes. */
    final AtomicInteger closeCode = new AtomicInteger(-1);

    /** Why the connection failed without a close frame (the server hung up, a bad frame), if it did. */
    private final AtomicReference<Throwable> error = new AtomicReference<>();

    private WebSocket webSocket;

    private JdkClient() {
    }

    static JdkClient connect(URI uri) throws InterruptedException {
        JdkClient client = new JdkClient();
        try {
            client.webSocket = HttpClient.newHttpClient().newWebSocketBuilder()
                    .connectTimeout(TIMEOUT)
                    .buildAsync(uri, client)
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("the JDK's WebSocket client could not open " + uri + ": " + e.getCause()
                    + " (the server's log above says what it did with the request)");
        } catch (TimeoutException e) {
            throw new AssertionError("the JDK's WebSocket client got no answer from " + uri + " within " + TIMEOUT.toSeconds() + " s");
        }
        return client;
    }

    WebSocket webSocket() {
        return webSocket;
    }

    /** Sends a text frame; last = false leaves the message open for the next part (RFC 6455 §5.4). */
    void sendText(String text, boolean last) throws InterruptedException {
        complete(webSocket.sendText(text, last), "send the text \"" + text + "\"");
    }

    void sendClose(int code, String reason) throws InterruptedException {
        complete(webSocket.sendClose(code, reason), "send close " + code);
    }

    /** Waits until the client has received exactly these messages, or the connection ended. */
    void awaitTexts(List<String> expected, String why) {
        awaitUntil(() -> texts.size() >= expected.size(), "the text messages " + expected);
        assertEquals(expected, texts, "the text messages the JDK's client received; " + why + state());
    }

    /** Waits for the server's close frame. */
    void awaitClose(int expected, String why) {
        awaitUntil(() -> closeCode.get() != -1, "a close frame with " + expected);
        assertEquals(expected, closeCode.get(), "the code of the close frame the JDK's client received; " + why + state());
    }

    @Override
    protected void onWholeText(String message) {
        texts.add(message);
    }

    @Override
    public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
        closeCode.set(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket socket, Throwable failure) {
        error.set(failure);
    }

    private void awaitUntil(Callable<Boolean> event, String what) {
        try {
            await().atMost(TIMEOUT).until(() -> event.call() || closeCode.get() != -1 || error.get() != null);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("the JDK's client waited " + TIMEOUT.toSeconds() + " s for " + what
                    + " and nothing came" + state() + " (the server's log says where it stopped)");
        }
    }

    private void complete(CompletionStage<WebSocket> sending, String what) throws InterruptedException {
        try {
            sending.toCompletableFuture().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("the JDK's client could not " + what + ": " + e.getCause().getMessage()
                    + "; the server had already ended the connection" + state() + " (the server's log above says why)");
        } catch (TimeoutException e) {
            throw new AssertionError("the JDK's client could not " + what + " within " + TIMEOUT.toSeconds()
                    + " s: the server does not read" + state());
        }
    }

    /** What the client saw so far, for a failure message. */
    private String state() {
        return "; so far it received " + (texts.isEmpty() ? "no message" : texts)
                + (closeCode.get() == -1 ? ", no close frame"
                        : closeCode.get() == 1006 ? ", and the connection ended without a close frame (1006)"
                        : ", close " + closeCode.get())
                + (error.get() == null ? "" : ", and the connection failed: " + error.get());
    }
}
