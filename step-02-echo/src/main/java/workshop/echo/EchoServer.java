package workshop.echo;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import org.java_websocket.WebSocket;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import workshop.strict.StrictConnection;

/**
 * Sends every message back to the client that sent it.
 *
 * <p>The library does the handshake, reads and writes the frames, answers pings and closes: all
 * that step 1 did by hand. What is left is to answer the events of each connection's life, one
 * callback each: {@code onStart}, {@code onOpen}, {@code onMessage}, {@code onClose},
 * {@code onError}. The library calls them from its own threads, one connection's events in order.
 */
public class EchoServer extends WebSocketServer {

    public static final int DEFAULT_PORT = 8082;
    /** The largest message accepted; a bigger one closes its connection with 1009. */
    public static final int MAX_MESSAGE_BYTES = 64 * 1024;
    /** How often, in seconds, each client is pinged; one that has not answered for 1.5 times this is dropped. */
    public static final int CONNECTION_LOST_TIMEOUT_SECONDS = 30;
    public static final String GREETING = "Welcome to the echo server: everything you send comes back.";
    public static final String SHUTDOWN_REASON = "server shutting down";
    private static final int SHUTDOWN_TIMEOUT_MILLIS = 1000;

    private static final Logger log = LoggerFactory.getLogger(EchoServer.class);

    public static void main(String[] args) {
        int port = Integer.getInteger("port", DEFAULT_PORT);
        EchoServer server = new EchoServer(new InetSocketAddress(port), CONNECTION_LOST_TIMEOUT_SECONDS);
        Runtime.getRuntime().addShutdownHook(new Thread(server::shutdown, "echo-shutdown"));
        server.start();
    }

    public EchoServer(InetSocketAddress address, int connectionLostTimeoutSeconds) {
        // TODO 5: refuse big messages: use the Draft_6455 constructor that takes a limit, MAX_MESSAGE_BYTES
        super(address, List.of(new Draft_6455()));
        setReuseAddr(true);
        // What the library lets through (a bad upgrade, a request that never ends, an unmasked frame) is
        // refused before the library reads it: see StrictConnection and the README.
        setWebSocketFactory(StrictConnection.factory(StrictConnection.HANDSHAKE_TIMEOUT));
        // TODO 5: ping every connectionLostTimeoutSeconds (setConnectionLostTimeout); refuse less than 1, which turns pings off
    }

    @Override
    public void onStart() {
        log.info("Echo server listening on ws://localhost:{}", getPort());
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
        log.info("{} connected", conn.getRemoteSocketAddress());
        // TODO 3: greet the client before anything else: send it GREETING
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
        log.info("{} sent text, {} chars", conn.getRemoteSocketAddress(), message.length());
        // TODO 1: send the text back to the client it came from (conn.send)
    }

    @Override
    public void onMessage(WebSocket conn, ByteBuffer message) {
        log.info("{} sent binary, {} bytes", conn.getRemoteSocketAddress(), message.remaining());
        // TODO 2: send the bytes back unchanged (conn.send has a ByteBuffer version)
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {
        log.info("{} disconnected: {} \"{}\" (closed by {})",
                conn.getRemoteSocketAddress(), code, reason, remote ? "the client" : "the server");
    }

    @Override
    public void onError(WebSocket conn, Exception ex) {
        // conn is null when the error is the server's own, for example a port already in use.
        log.warn("{}: {}", conn == null ? "server" : conn.getRemoteSocketAddress(), ex.toString());
    }

    /** Says goodbye to every client, then stops listening. */
    public void shutdown() {
        log.info("Shutting down, closing {} connections", getConnections().size());
        // TODO 4: close every client with 1001 and SHUTDOWN_REASON, then stop (read WebSocketServer.stop)
        throw new UnsupportedOperationException("TODO 4: EchoServer.shutdown");
    }
}
