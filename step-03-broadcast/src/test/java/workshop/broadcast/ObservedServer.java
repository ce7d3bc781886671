package workshop.broadcast;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.java_websocket.WebSocket;
import org.java_websocket.exceptions.WebsocketNotConnectedException;
import org.java_websocket.framing.PingFrame;
import org.java_websocket.handshake.ClientHandshake;
import workshop.strict.StrictConnection;

/**
 * The learner's server, watched: it says when it is listening, records each text it broadcasts, and
 * keeps the first exception thrown by BroadcastServer's own code, so that a test can stop waiting
 * and say what went wrong.
 */
final class ObservedServer extends BroadcastServer {

    /** The payload of the ping sent to everyone after a callback returned: this, then the callback's name. */
    static final String AFTER = "after ";

    private final CountDownLatch started = new CountDownLatch(1);
    private final List<String> broadcasts = new CopyOnWriteArrayList<>();
    private volatile Throwable thrown;

    /** A connection that has closed, shown by getConnections() as if the copy had been made just before it closed. */
    private volatile WebSocket stale;

    ObservedServer(int connectionLostTimeoutSeconds, Duration handshakeTimeout) {
        super(new InetSocketAddress("127.0.0.1", 0), connectionLostTimeoutSeconds);
        setWebSocketFactory(StrictConnection.factory(handshakeTimeout));
    }

    // getConnections() is a copy made on read: by the time a loop reaches a connection, it may have
    // closed. A test makes that moment certain by putting a closed connection first in the copy.
    @Override
    public Collection<WebSocket> getConnections() {
        List<WebSocket> copy = new ArrayList<>(super.getConnections());
        if (stale != null) {
            copy.add(0, stale);
        }
        return copy;
    }

    /** How many connections the library holds, without the stale one a test may show. */
    int open() {
        return super.getConnections().size();
    }

    /** From now on, getConnections() also returns this connection, which has closed. */
    void showStale(WebSocket closed) {
        stale = closed;
    }

    @Override
    public void onStart() {
        super.onStart();
        started.countDown();
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
        try {
            super.onOpen(conn, handshake);
        } finally {
            barrier("onOpen");
        }
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
        try {
            super.onMessage(conn, message);
        } finally {
            barrier("onMessage");
        }
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {
        try {
            super.onClose(conn, code, reason, remote);
        } finally {
            barrier("onClose");
        }
    }

    // A red test must not wait out its patience for a line that will never come. Frames on one
    // connection go out in order, so a client that has this ping has everything the callback sent it.
    private void barrier(String callback) {
        for (WebSocket conn : super.getConnections()) {
            PingFrame ping = new PingFrame();
            ping.setPayload(ByteBuffer.wrap((AFTER + callback).getBytes(StandardCharsets.UTF_8)));
            try {
                conn.sendFrame(ping);
            } catch (WebsocketNotConnectedException closing) {
                // It is going away: nobody waits on it any more.
            }
        }
    }

    // broadcast(String) calls this one too, so every broadcast of a text passes here.
    @Override
    public void broadcast(String text, Collection<WebSocket> clients) {
        broadcasts.add(text);
        super.broadcast(text, clients);
    }

    // The library catches what a callback throws, reports it here, and carries on. The failing test
    // reports the first such exception with where it came from; logging each one would bury that report.
    @Override
    public void onError(WebSocket conn, Exception ex) {
        if (whereInServerCode(ex).isEmpty()) {
            super.onError(conn, ex);
        } else if (thrown == null) {
            thrown = ex;
        }
    }

    CountDownLatch started() {
        return started;
    }

    URI uri() {
        return URI.create("ws://127.0.0.1:" + getPort());
    }

    /** The texts given to broadcast(...), in order. */
    List<String> broadcasts() {
        return List.copyOf(broadcasts);
    }

    /** What BroadcastServer's code threw, if it threw: a TODO, or a bug. */
    Optional<String> failure() {
        return Optional.ofNullable(thrown).map(ex -> ex + " at " + whereInServerCode(ex).orElseThrow());
    }

    private static Optional<StackTraceElement> whereInServerCode(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            Optional<StackTraceElement> frame = Arrays.stream(t.getStackTrace())
                    .filter(f -> f.getClassName().equals(BroadcastServer.class.getName()))
                    .findFirst();
            if (frame.isPresent()) {
                return frame;
            }
        }
        return Optional.empty();
    }
}
