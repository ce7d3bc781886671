package workshop.chat;

import io.javalin.websocket.WsContext;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.websocket.api.Callback;

/**
 * One connection's way out, with a bound on what may wait in it. Jetty's send only queues the frame
 * and returns; a client that does not read makes that queue grow for as long as it stays connected.
 * So each send counts its bytes in, Jetty's callback counts them out once they are written to the
 * socket, and a send that would pass {@link Limits#MAX_QUEUED_BYTES} is refused.
 */
final class Outbox {

    private final WsContext ctx;
    // Added to on the room's thread, taken from on Jetty's threads when a write completes.
    private final AtomicLong queued = new AtomicLong();

    Outbox(WsContext ctx) {
        this.ctx = ctx;
    }

    /** Queues the text; {@code false}, and nothing sent, when the peer has too much waiting already. */
    boolean send(String json) {
        long bytes = utf8Length(json);
        if (queued.get() + bytes > Limits.MAX_QUEUED_BYTES) {
            return false;
        }
        queued.addAndGet(bytes);
        ctx.session.sendText(json, Callback.from(() -> queued.addAndGet(-bytes), failed -> queued.addAndGet(-bytes)));
        return true;
    }

    /** Bytes waiting to be written. */
    long queued() {
        return queued.get();
    }

    private static long utf8Length(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            // A surrogate pair is one 4-byte code point: 2 bytes for each of its halves.
            bytes += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
        }
        return bytes;
    }
}
