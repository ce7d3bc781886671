package workshop.core;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.common.WebSocketSession;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;
import org.eclipse.jetty.websocket.core.OutgoingEntry;
import org.eclipse.jetty.websocket.core.WebSocketCoreSession;

/**
 * One client's connection: its way out with a bound on what may wait in it, its rate limit, and
 * whether it still answers. The hub owns it; only {@link #allows()} runs on Jetty's thread.
 *
 * <p>The way out. Jetty's send only queues the frame and returns; a client that does not read makes
 * that queue grow for as long as it stays connected. So each send counts its bytes in (the UTF-8 the
 * hub encoded once for everyone), Jetty's callback counts them out once they are written to the
 * socket, and a send that would pass {@link Limits#MAX_QUEUED_BYTES} is refused. Frames are queued in
 * batch mode and written with one flush per hub turn: ten notices in a turn cost one write, not ten.
 */
public final class Connection {

    /** Jetty's id of the WebSocket session: unique on this server. */
    public final String id;
    /** The peer's IP address, as the socket sees it. */
    public final String address;
    /** When it connected, by the hub's clock. */
    public final Instant connected;
    /** Who this is, once the room says so (a nickname); {@code null} until then. Hub thread only. */
    public String name;
    /** What gets this seat back from a new connection after a drop, if the room hands one out. Hub thread only. */
    public String token;

    private final Session session;
    private final CoreSession core;
    private final RateLimiter limiter;
    // Added to on the hub's thread, taken from on Jetty's threads when a write completes.
    private final AtomicLong queued = new AtomicLong();
    private boolean unflushed;
    // Liveness, on the hub's thread: what had come in when the last ping went out, and when.
    private long bytesInAtPing = -1;
    private long pingSentAt = System.nanoTime();
    private boolean pingUnanswered;
    // On Jetty's thread for this connection (one at a time): the first refused message of a flood.
    private boolean throttled;

    Connection(Session session, String id, Clock clock) {
        this.session = session;
        this.id = id;
        this.address = ((InetSocketAddress) session.getRemoteSocketAddress()).getAddress().getHostAddress();
        this.connected = clock.instant();
        // Javalin's endpoint does not pass pongs on; Jetty's core session is where the frames arrive.
        this.core = ((WebSocketSession) session).getCoreSession();
        this.limiter = new RateLimiter(clock, Limits.RATE_LIMIT_BURST, Limits.RATE_LIMIT_PER_SECOND);
    }

    /**
     * Queues one text frame, written at the hub's next flush; {@code false}, and nothing queued, when
     * the peer has too much waiting already.
     */
    boolean send(byte[] utf8) {
        long bytes = utf8.length;
        if (queued.get() + bytes > Limits.MAX_QUEUED_BYTES) {
            return false;
        }
        queued.addAndGet(bytes);
        // A frame of its own around the shared bytes: the payload is read, never changed.
        Frame frame = new Frame(OpCode.TEXT, ByteBuffer.wrap(utf8));
        core.sendFrame(new OutgoingEntry.Builder(frame, org.eclipse.jetty.util.Callback.from(
                () -> queued.addAndGet(-bytes), failed -> queued.addAndGet(-bytes))).batch(true).build());
        unflushed = true;
        return true;
    }

    /** Bytes waiting to be written to the socket. */
    public long queued() {
        return queued.get();
    }

    /** Closes with a code and a reason (RFC 6455 §7.4); the hub hears of it through Jetty's close event. */
    public void close(int code, String reason) {
        session.close(code, shorten(reason), org.eclipse.jetty.websocket.api.Callback.NOOP);
    }

    /**
     * For a peer that does not read: sends the close frame, and drops the TCP connection once it is
     * written, instead of waiting for a close frame that will never come (RFC 6455 §7.1.1 allows it).
     */
    void abandon(int code, String reason) {
        session.close(code, shorten(reason), org.eclipse.jetty.websocket.api.Callback.from(session::disconnect, failed -> session.disconnect()));
    }

    boolean isUnflushed() {
        return unflushed;
    }

    /** Writes what this hub turn queued. */
    void flush() {
        if (unflushed) {
            unflushed = false;
            core.flush(org.eclipse.jetty.util.Callback.NOOP);
        }
    }

    /**
     * On Jetty's thread, before a message is queued for the hub: whether the rate limit lets it in.
     * Jetty delivers one connection's messages one at a time, so the bucket has one user at a time.
     */
    synchronized Admission admit() {
        if (limiter.tryAcquire()) {
            throttled = false;
            return Admission.IN;
        }
        // One reply per flood, not one per dropped message: a flooder that never reads would
        // otherwise fill its outgoing budget with our replies.
        boolean first = !throttled;
        throttled = true;
        return first ? Admission.REFUSED_FIRST : Admission.REFUSED;
    }

    enum Admission { IN, REFUSED_FIRST, REFUSED }

    /**
     * Liveness, using only RFC 6455 (§5.5.2, §5.5.3): the hub pings; a peer that is there answers with
     * a pong. Javalin does not hand pongs to the app, but Jetty counts every byte that comes in, and a
     * pong is bytes: anything received since the ping (a pong, a message) shows the peer is there.
     *
     * @return whether the peer has been silent past the deadline
     */
    boolean silentPast(long now, Hub.Settings settings) {
        long in = bytesIn();
        if (pingUnanswered && in != bytesInAtPing) {
            pingUnanswered = false;
        }
        if (pingUnanswered) {
            return now - pingSentAt >= settings.pongDeadline().toNanos();
        }
        if (now - pingSentAt >= settings.pingInterval().toNanos()) {
            bytesInAtPing = in;
            pingSentAt = now;
            pingUnanswered = true;
            session.sendPing(ByteBuffer.allocate(0), org.eclipse.jetty.websocket.api.Callback.NOOP);
        }
        return false;
    }

    private long bytesIn() {
        return core instanceof WebSocketCoreSession coreSession && coreSession.getConnection() != null
                ? coreSession.getConnection().getBytesIn() : 0;
    }

    /** RFC 6455 §5.5: a close frame's reason fits in 123 bytes of UTF-8; 40 characters always do. */
    static String shorten(String reason) {
        return reason.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= 123 ? reason : reason.substring(0, 40);
    }
}
