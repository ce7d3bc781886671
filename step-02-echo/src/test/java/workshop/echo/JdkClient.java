package workshop.echo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import workshop.testing.WholeMessages;

/** A client built on the JDK's own WebSocket (java.net.http), that remembers what it received. */
final class JdkClient extends WholeMessages {

    final List<String> texts = new CopyOnWriteArrayList<>();
    final List<byte[]> binaries = new CopyOnWriteArrayList<>();
    final CompletableFuture<Close> closed = new CompletableFuture<>();
    /** How many of this client's connections and messages the server has finished with (see TestServers.barrier). */
    final AtomicInteger opensHandled = new AtomicInteger();
    final AtomicInteger messagesHandled = new AtomicInteger();

    private WebSocket socket;

    static JdkClient connect(URI uri) throws Exception {
        JdkClient client = new JdkClient();
        client.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .header(TestServers.BARRIERS, "on")
                .buildAsync(uri, client)
                .get(TestServers.WAIT.toSeconds(), TimeUnit.SECONDS);
        return client;
    }

    /** What came back apart from the greeting, so echo tests do not depend on task 3. */
    List<String> echoes() {
        return texts.stream().filter(t -> !t.equals(EchoServer.GREETING)).collect(Collectors.toList());
    }

    void send(String message) {
        socket.sendText(message, true).join();
    }

    /** Sends one text message as several frames: a first frame, then continuation frames (RFC 6455 §5.4). */
    void sendInFragments(String... parts) {
        for (int i = 0; i < parts.length; i++) {
            socket.sendText(parts[i], i == parts.length - 1).join();
        }
    }

    void send(byte[] message) {
        socket.sendBinary(ByteBuffer.wrap(message), true).join();
    }

    void close(int code, String reason) {
        socket.sendClose(code, reason).join();
    }

    @Override
    protected void onWholeText(String message) {
        texts.add(message);
    }

    @Override
    protected void onWholeBinary(byte[] message) {
        binaries.add(message);
    }

    @Override
    public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
        String payload = StandardCharsets.UTF_8.decode(message).toString();
        if (payload.equals(TestServers.AFTER_OPEN)) {
            opensHandled.incrementAndGet();
        } else if (payload.equals(TestServers.AFTER_MESSAGE)) {
            messagesHandled.incrementAndGet();
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(new Close(statusCode, reason));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.completeExceptionally(error);
    }
}
