package workshop.reliable;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open WebSocket, as the room sees it: an id, the name its login token proved, and a send with
 * a budget ({@link Limits#MAX_QUEUED_FRAMES}).
 *
 * <p>Why a budget: Jetty's send queues the frame and returns, and nothing bounds that queue. A member
 * that stops reading (a stalled network, a frozen tab) would make the server keep everything the room
 * says for it. So each frame handed to Jetty is counted until Jetty reports it written (or failed);
 * past the budget, the connection is dropped at once, without a close handshake that could not get
 * through anyway. The member catches up when it comes back (Task 1).
 *
 * <p>Why the room cannot be re-entered from here: Jetty may run its close handler inside
 * {@code sendText}, on the calling thread (a send to a connection that has just failed). That handler
 * only posts an event to the {@link Hub}; it never calls the room. Thread-safe: the counter is atomic
 * and Jetty serialises frames on one session.
 */
public final class Connection {

    private static final Logger log = LoggerFactory.getLogger(Connection.class);

    private final String id;
    private final String name;
    private final Session session;
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean dropped = new AtomicBoolean();

    public Connection(String id, String name, Session session) {
        this.id = id;
        this.name = name;
        this.session = session;
    }

    public String id() {
        return id;
    }

    /** The name the login token proved; the room trusts this one, never a name in a message. */
    public String name() {
        return name;
    }

    /** Queues a text frame, or drops the connection when its budget is spent. Never blocks. */
    public void send(String json) {
        if (dropped.get()) {
            return;
        }
        if (queued.incrementAndGet() > Limits.MAX_QUEUED_FRAMES) {
            queued.decrementAndGet();
            drop();
            return;
        }
        session.sendText(json, Callback.from(queued::decrementAndGet, failed -> queued.decrementAndGet()));
    }

    /** Closes the connection with a code and reason (RFC 6455 §7.4), as a polite close handshake. */
    public void close(int code, String reason) {
        session.close(code, reason, Callback.NOOP);
    }

    private void drop() {
        if (dropped.compareAndSet(false, true)) {
            log.info("Dropped {} ({}): {} frames waiting, it does not read", name, id, Limits.MAX_QUEUED_FRAMES);
            // An abrupt close: a close frame would wait behind the frames that cannot get out.
            session.disconnect();
        }
    }
}
