package workshop.reliable;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that owns the room. Jetty calls the endpoint from many threads, one per busy
 * connection; each call only posts an event here, and the hub runs the events one at a time, in the
 * order they were posted (gorilla/websocket's chat example calls this a hub).
 *
 * <p>Why one thread, as in step 4's room, rather than a lock: a send may run Jetty's close handler on
 * the sending thread (see {@link Connection}). A room behind a lock would be re-entered by that handler
 * while it iterates its members. Here the handler posts a "disconnected" event that runs after the
 * current one: the room's state has one owner, and no send can call back into it.
 */
public final class Hub implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Hub.class);

    private final ChatRoom room;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(runnable -> {
        Thread hub = new Thread(runnable, "chat-hub");
        hub.setDaemon(true);
        return hub;
    });

    public Hub(ChatRoom room) {
        this.room = room;
    }

    public void connected(Connection connection) {
        post(() -> room.connect(connection));
    }

    public void received(Connection connection, String json) {
        post(() -> room.receive(connection, json));
    }

    public void disconnected(Connection connection, int status) {
        post(() -> room.disconnect(connection, status));
    }

    private void post(Runnable event) {
        try {
            thread.execute(() -> {
                try {
                    event.run();
                } catch (RuntimeException bug) {
                    // One bad event must not stop the hub: everyone else's events come after it.
                    log.error("The room failed on an event", bug);
                }
            });
        } catch (RejectedExecutionException stopping) {
            // The server is stopping: the room is going away with it.
        }
    }

    /** Runs the events already posted, then stops the thread. */
    @Override
    public void close() {
        thread.shutdown();
        try {
            thread.awaitTermination(Limits.STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
