package workshop.echo;

import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.java_websocket.WebSocket;
import org.java_websocket.framing.PingFrame;
import org.java_websocket.handshake.ClientHandshake;
import workshop.strict.StrictConnection;

/** Starts an {@link EchoServer} on a free port for one test, and stops it afterwards. */
final class TestServers {

    /**
     * Long enough for a slow laptop in a busy room (an echo took over 5 s here, with a load average
     * of 25 on 2 cores); each wait ends as soon as what it waits for has happened.
     */
    static final Duration WAIT = Duration.ofSeconds(10);

    /** The header with which a test client asks for a barrier after each of the server's callbacks. */
    static final String BARRIERS = "X-Test-Barriers";
    /** The payload of the ping sent when EchoServer.onOpen has returned. */
    static final String AFTER_OPEN = "after onOpen";
    /** The payload of the ping sent when EchoServer.onMessage has returned. */
    static final String AFTER_MESSAGE = "after onMessage";

    private TestServers() {
    }

    static EchoServer start() {
        return start(EchoServer.CONNECTION_LOST_TIMEOUT_SECONDS);
    }

    static EchoServer start(int connectionLostTimeoutSeconds) {
        return start(connectionLostTimeoutSeconds, StrictConnection.HANDSHAKE_TIMEOUT);
    }

    /** A server whose connections must send their whole request head within {@code handshakeTimeout}. */
    static EchoServer start(int connectionLostTimeoutSeconds, Duration handshakeTimeout) {
        CompletableFuture<Void> started = new CompletableFuture<>();
        EchoServer server = new EchoServer(new InetSocketAddress("localhost", 0), connectionLostTimeoutSeconds) {
            @Override
            public void onStart() {
                super.onStart();
                started.complete(null);
            }

            // A red test must not wait out WAIT for an answer that will never come. Frames on one
            // connection go out in order, so when a client sees the ping sent after a callback
            // returned, everything that callback sent has already arrived.
            @Override
            public void onOpen(WebSocket conn, ClientHandshake handshake) {
                conn.setAttachment(handshake.hasFieldValue(BARRIERS));
                try {
                    super.onOpen(conn, handshake);
                } finally {
                    barrier(conn, AFTER_OPEN);
                }
            }

            @Override
            public void onMessage(WebSocket conn, String message) {
                try {
                    super.onMessage(conn, message);
                } finally {
                    barrier(conn, AFTER_MESSAGE);
                }
            }

            @Override
            public void onMessage(WebSocket conn, ByteBuffer message) {
                try {
                    super.onMessage(conn, message);
                } finally {
                    barrier(conn, AFTER_MESSAGE);
                }
            }

            @Override
            public void onError(WebSocket conn, Exception ex) {
                super.onError(conn, ex);
                if (conn == null) {
                    started.completeExceptionally(ex);
                }
            }
        };
        server.setWebSocketFactory(StrictConnection.factory(handshakeTimeout));
        server.start();
        await("EchoServer.onStart (the server did not start)").atMost(WAIT).until(started::isDone);
        started.join();
        return server;
    }

    /**
     * Waits until the server has registered this many connections. A client may see the 101 answer
     * a moment before the server's onOpen has run, and a connection not yet registered is one that
     * stop() does not know about.
     */
    static void awaitConnections(EchoServer server, int count) {
        await("EchoServer.getConnections().size() == " + count).atMost(WAIT)
                .until(() -> server.getConnections().size() == count);
    }

    private static void barrier(WebSocket conn, String payload) {
        if (Boolean.TRUE.equals(conn.getAttachment()) && conn.isOpen()) {
            PingFrame ping = new PingFrame();
            ping.setPayload(ByteBuffer.wrap(payload.getBytes(StandardCharsets.UTF_8)));
            conn.sendFrame(ping);
        }
    }

    static URI uri(EchoServer server) {
        return URI.create("ws://localhost:" + server.getPort() + "/");
    }

    static void stop(EchoServer server) throws InterruptedException {
        if (server != null) {
            server.stop((int) WAIT.toMillis());
        }
    }
}
