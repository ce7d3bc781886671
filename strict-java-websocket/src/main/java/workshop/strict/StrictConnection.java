package workshop.strict;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.java_websocket.WebSocketAdapter;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.WebSocketServerFactory;
import org.java_websocket.drafts.Draft;
import org.java_websocket.enums.ReadyState;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.server.DefaultWebSocketServerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connection that refuses what Java-WebSocket 1.6 lets through, before the library reads it: a bad
 * upgrade request gets 400 or 426 and a reason (RFC 6455 §4.2.1, §4.4), a request head that is too
 * big or too slow gets 431 or 408, and an unmasked client frame closes the connection with 1002
 * (RFC 6455 §5.1). The library hands each chunk it reads from the socket to {@link #decode}, on the
 * connection's worker thread, one chunk at a time; a good request and masked frames go on to it
 * unchanged.
 *
 * <p>Why here and not in the library's handshake hook, {@code onWebsocketHandshakeReceivedAsServer}:
 * the library calls the hook only for version 13 and answers whatever it throws with a fixed
 * {@code 404 WebSocket Upgrade Failure} ({@code WebSocketImpl.closeConnectionDueToWrongHandshake});
 * a request it cannot parse gets no answer at all, and it keeps such a connection open.
 */
public final class StrictConnection extends WebSocketImpl {

    /** A browser sends its request at once; a client that sends it slowly, or not at all, only holds a socket. */
    public static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);
    /** Browsers send well under 2 KiB; 8 KiB is the common default of web servers, and step 1's. */
    static final int MAX_HEAD_BYTES = 8 * 1024;

    private static final Logger log = LoggerFactory.getLogger(StrictConnection.class);
    private static final byte[] END_OF_HEAD = {'\r', '\n', '\r', '\n'};

    private final MaskCheck masks = new MaskCheck();
    // The worker thread reads the head while the deadline may fire on another thread: this lock
    // decides which one of them settles the handshake.
    private final Object lock = new Object();
    private ByteArrayOutputStream head = new ByteArrayOutputStream();
    private boolean settled;

    private StrictConnection(WebSocketAdapter server, List<Draft> drafts) {
        super(server, drafts);
    }

    /** Makes a server's connections strict: {@code server.setWebSocketFactory(StrictConnection.factory(...))}. */
    public static WebSocketServerFactory factory(Duration handshakeTimeout) {
        return new DefaultWebSocketServerFactory() {
            @Override
            public WebSocketImpl createWebSocket(WebSocketAdapter server, List<Draft> drafts) {
                StrictConnection conn = new StrictConnection(server, drafts);
                CompletableFuture.delayedExecutor(handshakeTimeout.toMillis(), TimeUnit.MILLISECONDS)
                        .execute(() -> conn.handshakeDeadline(handshakeTimeout));
                return conn;
            }
        };
    }

    @Override
    public void decode(ByteBuffer bytes) {
        // Once a connection is closing the library reads nothing more from it, and neither does this.
        if (isOpen()) {
            passFrames(bytes);
        } else if (getReadyState() == ReadyState.NOT_YET_CONNECTED) {
            decodeHead(bytes);
        }
    }

    /** Holds the bytes until the request head is whole, then refuses it, or passes it on with what follows it. */
    private void decodeHead(ByteBuffer bytes) {
        byte[] received;
        int end;
        int control;
        synchronized (lock) {
            if (settled) {
                return;
            }
            byte[] chunk = new byte[bytes.remaining()];
            bytes.get(chunk);
            head.writeBytes(chunk);
            received = head.toByteArray();
            end = endOfHead(received);
            control = firstControlByte(received, end < 0 ? received.length : end);
            if (control < 0 && end < 0 && received.length <= MAX_HEAD_BYTES) {
                return;
            }
            settled = true;
            head = null; // read once: not kept for the connection's whole life
        }
        Optional<Refusal> refusal;
        if (control >= 0) {
            // Control bytes are not HTTP: often TLS, from a wss:// URL pointed at this plain server.
            refusal = Optional.of(Refusal.badRequest(String.format("not an HTTP request (byte 0x%02x)", control)));
        } else if (end < 0 || end > MAX_HEAD_BYTES) {
            refusal = Optional.of(new Refusal(431, "the request head is over " + MAX_HEAD_BYTES + " bytes"));
        } else {
            refusal = UpgradeRules.check(Arrays.copyOf(received, end));
        }
        if (refusal.isPresent()) {
            refuse(refusal.get());
            return;
        }
        super.decode(ByteBuffer.wrap(received, 0, end));
        // A client may send its first frames right behind the request.
        if (end < received.length && isOpen()) {
            passFrames(ByteBuffer.wrap(received, end, received.length - end));
        }
    }

    /** Passes the frames on up to the first unmasked one, which closes the connection (RFC 6455 §5.1). */
    private void passFrames(ByteBuffer bytes) {
        int unmasked = masks.firstUnmasked(bytes);
        if (unmasked < 0) {
            super.decode(bytes);
            return;
        }
        if (unmasked > bytes.position()) {
            super.decode(bytes.duplicate().limit(unmasked));
        }
        if (isOpen()) {
            log.info("{} sent an unmasked frame: closing with 1002", getRemoteSocketAddress());
            close(CloseFrame.PROTOCOL_ERROR, "a client frame must be masked");
        }
    }

    private void handshakeDeadline(Duration timeout) {
        synchronized (lock) {
            if (settled || getReadyState() != ReadyState.NOT_YET_CONNECTED) {
                return;
            }
            settled = true;
        }
        refuse(new Refusal(408, "the request head did not come within " + timeout.toMillis() + " ms"));
    }

    private void refuse(Refusal refusal) {
        log.info("{} refused: {} {}", getRemoteSocketAddress(), refusal.status(), refusal.reason());
        try {
            // The library can only answer 404 (see above), so the answer goes to the socket from here.
            // A new connection's send buffer is empty and takes these few hundred bytes at once.
            getChannel().write(ByteBuffer.wrap(refusal.httpResponse()));
        } catch (IOException clientGone) {
            // Nobody is left to tell.
        }
        // Closes the socket; the library calls no onOpen and no onClose for a connection that never opened.
        closeConnection(CloseFrame.NEVER_CONNECTED, refusal.reason());
    }

    /** RFC 9110 §5.5: no byte below 0x20 but CR, LF and tab, and no DEL, in a request head (the frames after it may hold any). */
    private static int firstControlByte(byte[] bytes, int length) {
        for (int i = 0; i < length; i++) {
            int c = bytes[i] & 0xFF;
            if ((c < 0x20 && c != '\r' && c != '\n' && c != '\t') || c == 0x7F) {
                return c;
            }
        }
        return -1;
    }

    private static int endOfHead(byte[] bytes) {
        for (int i = 0; i + END_OF_HEAD.length <= bytes.length; i++) {
            if (Arrays.equals(bytes, i, i + END_OF_HEAD.length, END_OF_HEAD, 0, END_OF_HEAD.length)) {
                return i + END_OF_HEAD.length;
            }
        }
        return -1;
    }
}
