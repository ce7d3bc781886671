package workshop.game;

import io.javalin.websocket.WsContext;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.websocket.api.Callback;

/**
 * One connection's way out, with a bound on what may wait in it. Jetty's send queues the frame and
 * returns; a peer that does not read would make that queue grow 20 snapshots a second. Each send
 * counts its bytes in, Jetty's callback counts them out once written, and a send that would pass
 * {@link Limits#MAX_QUEUED_BYTES} is refused.
 */
final class Outbox {

    private final WsContext ctx;
    // Added to on the game's thread, taken from on Jetty's threads when a write completes.
    private final AtomicLong queued = new AtomicLong();

    Outbox(WsContext ctx) {
        this.ctx = ctx;
    }

    /** Queues the bytes (the buffer is not changed); false, and nothing sent, when too much waits already. */
    boolean sendBinary(ByteBuffer message) {
        int bytes = message.remaining();
        if (!reserve(bytes)) {
            return false;
        }
        // A view of its own per connection: Jetty moves the position as it writes.
        ctx.session.sendBinary(message.duplicate(), release(bytes));
        return true;
    }

    boolean sendText(String json) {
        int bytes = json.getBytes(StandardCharsets.UTF_8).length;
        if (!reserve(bytes)) {
            return false;
        }
        ctx.session.sendText(json, release(bytes));
        return true;
    }

    private boolean reserve(int bytes) {
        if (queued.get() + bytes > Limits.MAX_QUEUED_BYTES) {
            return false;
        }
        queued.addAndGet(bytes);
        return true;
    }

    private Callback release(int bytes) {
        return Callback.from(() -> queued.addAndGet(-bytes), failed -> queued.addAndGet(-bytes));
    }
}
