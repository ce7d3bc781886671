package workshop.handshake;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/** The JDK's own WebSocket client (java.net.http), which nobody in this workshop wrote. */
final class JdkClient implements WebSocket.Listener {

    static final Duration TIMEOUT = Duration.ofSeconds(5);

    /** The text messages received, in order. */
    final List<String> texts = new CopyOnWriteArrayList<>();

    /** The status code of the server's close frame; -1 until one comes. */
    final AtomicInteger closeCode = new AtomicInteger(-1);

    private final StringBuilder partial = new StringBuilder();
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
            throw new AssertionError("the JDK's WebSocket client could not open " + uri + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("the JDK's WebSocket client got no answer from " + uri + " within " + TIMEOUT.toSeconds() + " s");
        }
        return client;
    }

    WebSocket webSocket() {
        return webSocket;
    }

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            texts.add(partial.toString());
            partial.setLength(0);
        }
        socket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
        closeCode.set(statusCode);
        return null;
    }
}
