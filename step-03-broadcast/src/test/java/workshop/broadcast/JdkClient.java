package workshop.broadcast;

import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/** A client on the JDK's own {@code java.net.http.WebSocket}, independent of the server's library. */
final class JdkClient extends Client implements WebSocket.Listener {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final CompletableFuture<WebSocket> socket;
    private final StringBuilder partial = new StringBuilder();

    JdkClient(String label, ObservedServer server) {
        super(label, server);
        socket = HTTP.newWebSocketBuilder().buildAsync(server.uri(), this);
    }

    @Override
    void awaitOpen() {
        socket.orTimeout(CONNECTING.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    @Override
    void send(String text) {
        // The JDK client allows one outstanding send at a time: wait for each before the next.
        try {
            socket.join().sendText(text, true).join();
        } catch (CompletionException | IllegalStateException ended) {
            throw sendFailed(ended);
        }
    }

    @Override
    void sendBinary(byte[] bytes) {
        socket.join().sendBinary(ByteBuffer.wrap(bytes), true).join();
    }

    @Override
    void leave() {
        socket.join().sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            received(partial.toString());
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
        pinged(StandardCharsets.UTF_8.decode(message).toString());
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed(statusCode, reason);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed(1006, error.toString());
    }

    @Override
    public void close() {
        if (socket.isDone() && !socket.isCompletedExceptionally()) {
            socket.join().abort();
        }
    }
}
