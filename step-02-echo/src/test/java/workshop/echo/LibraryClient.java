package workshop.echo;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.java_websocket.WebSocket;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.framing.Framedata;
import org.java_websocket.handshake.ServerHandshake;

/** A client built on Java-WebSocket's {@link WebSocketClient}, that remembers what it received. */
final class LibraryClient extends WebSocketClient {

    final List<String> texts = new CopyOnWriteArrayList<>();
    final List<byte[]> binaries = new CopyOnWriteArrayList<>();
    final CompletableFuture<Close> closed = new CompletableFuture<>();
    /** True when the server started the close handshake, false when this client did. */
    volatile boolean closedByServer;
    /** How many of this client's connections and messages the server has finished with (see TestServers.barrier). */
    final AtomicInteger opensHandled = new AtomicInteger();
    final AtomicInteger messagesHandled = new AtomicInteger();

    private LibraryClient(URI uri) {
        super(uri);
        addHeader(TestServers.BARRIERS, "on");
    }

    static LibraryClient connect(URI uri) throws InterruptedException {
        LibraryClient client = new LibraryClient(uri);
        assertTrue(client.connectBlocking(TestServers.WAIT.toSeconds(), TimeUnit.SECONDS),
                "a Java-WebSocket client could not connect to " + uri);
        return client;
    }

    /** What came back apart from the greeting, so echo tests do not depend on task 3. */
    List<String> echoes() {
        return texts.stream().filter(t -> !t.equals(EchoServer.GREETING)).collect(Collectors.toList());
    }

    @Override
    public void onOpen(ServerHandshake handshake) {
    }

    @Override
    public void onMessage(String message) {
        texts.add(message);
    }

    @Override
    public void onMessage(ByteBuffer bytes) {
        byte[] copy = new byte[bytes.remaining()];
        bytes.get(copy);
        binaries.add(copy);
    }

    @Override
    public void onWebsocketPing(WebSocket conn, Framedata ping) {
        // Read the payload first: the pong that answers this ping is sent with the same buffer.
        String payload = StandardCharsets.UTF_8.decode(ping.getPayloadData().duplicate()).toString();
        super.onWebsocketPing(conn, ping);
        if (payload.equals(TestServers.AFTER_OPEN)) {
            opensHandled.incrementAndGet();
        } else if (payload.equals(TestServers.AFTER_MESSAGE)) {
            messagesHandled.incrementAndGet();
        }
    }

    @Override
    public void onClose(int code, String reason, boolean remote) {
        closedByServer = remote;
        closed.complete(new Close(code, reason));
    }

    @Override
    public void onError(Exception ex) {
        closed.completeExceptionally(ex);
    }
}
