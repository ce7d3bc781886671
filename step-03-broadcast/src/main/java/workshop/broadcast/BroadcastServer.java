package workshop.broadcast;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.java_websocket.WebSocket;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import workshop.strict.StrictConnection;

/**
 * One conversation for many connections: every text message goes to everyone, the sender included,
 * tagged with the sender's name; everyone hears who joins and who leaves.
 *
 * <p>The library calls the callbacks from its own threads, several at once: each connection's
 * messages arrive in order on one worker thread, while other connections run on other threads
 * (and a close may be reported on the selector thread). So everything shared between connections
 * here is either the library's (its set of connections, its {@code broadcast}) or an atomic counter.
 */
public class BroadcastServer extends WebSocketServer {

    public static final int DEFAULT_PORT = 8083;
    /** The largest message accepted; a bigger one closes its connection with 1009. */
    public static final int MAX_MESSAGE_BYTES = 64 * 1024;
    /** How often, in seconds, each client is pinged; one that has not answered for 1.5 times this is dropped. */
    public static final int CONNECTION_LOST_TIMEOUT_SECONDS = 30;
    public static final String TEXT_ONLY_REASON = "text messages only";
    public static final String SHUTDOWN_REASON = "server shutting down";
    private static final int SHUTDOWN_TIMEOUT_MILLIS = 1000;

    private static final Logger log = LoggerFactory.getLogger(BroadcastServer.class);

    private final AtomicInteger guests = new AtomicInteger();

    public static void main(String[] args) {
        int port = Integer.getInteger("port", DEFAULT_PORT);
        BroadcastServer server = new BroadcastServer(new InetSocketAddress(port), CONNECTION_LOST_TIMEOUT_SECONDS);
        Runtime.getRuntime().addShutdownHook(new Thread(server::shutdown, "broadcast-shutdown"));
        server.start();
    }

    public BroadcastServer(InetSocketAddress address, int connectionLostTimeoutSeconds) {
        // RFC 6455 §10.4: a frame may announce up to 2^63 bytes; unlimited, the library takes up to 2 GiB
        // and allocates the whole buffer as soon as the header arrives.
        super(address, List.of(new Draft_6455(List.of(), MAX_MESSAGE_BYTES)));
        setReuseAddr(true);
        // What the library lets through (a bad upgrade, a request that never ends, an unmasked frame) is
        // refused before the library reads it, so it never becomes a guest: see StrictConnection.
        setWebSocketFactory(StrictConnection.factory(StrictConnection.HANDSHAKE_TIMEOUT));
        // TODO 3: ping every connectionLostTimeoutSeconds (setConnectionLostTimeout); refuse less than 1, which turns pings off
    }

    @Override
    public void onStart() {
        log.info("Broadcast server listening on ws://localhost:{}", getPort());
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
        conn.setAttachment(nextGuestName());
        log.info("{} joined from {}", name(conn), conn.getRemoteSocketAddress());
        // TODO 2: tell everyone "* <name> joined (<n> online)" (sendToEveryone, online())
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
        log.info("{} sent {} chars", name(conn), message.length());
        // TODO 1: send "<name>: <message>" to everyone, the sender included (sendToEveryone)
        throw new UnsupportedOperationException("TODO 1: BroadcastServer.onMessage");
    }

    @Override
    public void onMessage(WebSocket conn, ByteBuffer message) {
        log.info("{} sent binary, {} bytes: refused", name(conn), message.remaining());
        // RFC 6455 §7.4.1: 1003 tells a client it sent a kind of data this endpoint does not accept.
        conn.close(CloseFrame.REFUSE, TEXT_ONLY_REASON);
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {
        log.info("{} left: {} \"{}\" (closed by {})", name(conn), code, reason, remote ? "the client" : "the server");
        // TODO 2: tell everyone "* <name> left (<n> online)"
    }

    @Override
    public void onError(WebSocket conn, Exception ex) {
        // conn is null when the error is the server's own, for example a port already in use.
        log.warn("{}: {}", conn == null ? "server" : conn.getRemoteSocketAddress(), ex.toString());
    }

    /** Says goodbye to every client, then stops listening. */
    public void shutdown() {
        log.info("Shutting down, closing {} connections", getConnections().size());
        try {
            // RFC 6455 §7.4.1: 1001 "going away" tells each client why; stop() sends it with our reason.
            stop(SHUTDOWN_TIMEOUT_MILLIS, SHUTDOWN_REASON);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String nextGuestName() {
        // TODO 4: guest-1, guest-2, ... from the AtomicInteger guests (onOpen runs on several threads at once)
        return "guest";
    }

    private int online() {
        // The library adds a connection just before onOpen and removes it just before onClose.
        return getConnections().size();
    }

    private static String name(WebSocket conn) {
        return conn.getAttachment();
    }

    private void sendToEveryone(String line) {
        // TODO 5: one call to the library's broadcast(line) instead of a send per connection
        for (WebSocket conn : getConnections()) {
            conn.send(line);
        }
    }
}
