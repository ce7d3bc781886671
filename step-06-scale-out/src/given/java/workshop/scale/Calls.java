package workshop.scale;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import workshop.core.Hub;
import workshop.core.Protocol.ErrorReply;
import workshop.core.ProtocolError;

/**
 * Where the room's cluster calls run: a thread of their own, {@code chat-broker}, never the hub's. A
 * Redis call may wait up to {@link Limits#REDIS_TIMEOUT}; on the hub's thread every member would wait
 * with it. So the room asks, and the answer (or the {@link BrokerDown}) comes back to the hub as one
 * more event, as a message from a connection does. One thread: what this instance says reaches Redis
 * in the order it was said.
 */
final class Calls implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Calls.class);

    private final Hub hub;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(task -> new Thread(task, "chat-broker"));

    Calls(Hub hub) {
        this.hub = hub;
    }

    /** Runs {@code call} on the calls' thread; {@code then} or {@code failed} runs on the hub's with what it answered. */
    <T> void ask(Supplier<T> call, Consumer<T> then, Consumer<BrokerDown> failed) {
        try {
            thread.execute(() -> {
                try {
                    T answer = call.get();
                    hub.post(() -> then.accept(answer));
                } catch (BrokerDown down) {
                    hub.post(() -> failed.accept(down));
                } catch (UnsupportedOperationException todo) {
                    // A TODO of RedisBroker: tell this instance's members which one, so that a test says so at once.
                    log.warn("Not done yet: {}", todo.getMessage());
                    hub.post(() -> hub.broadcast(new ErrorReply(new ProtocolError("server-error", todo.getMessage()))));
                } catch (RuntimeException bug) {
                    log.error("A cluster call failed", bug);
                }
            });
        } catch (RejectedExecutionException stopped) {
            log.debug("The calls have stopped: nothing to ask any more");
        }
    }

    /** The same for a call that answers nothing. */
    void tell(Runnable call, Consumer<BrokerDown> failed) {
        ask(() -> {
            call.run();
            return null;
        }, nothing -> { }, failed);
    }

    /** Lets the calls asked already finish (the last members' departures still reach the cluster). */
    @Override
    public void close() {
        thread.shutdown();
        try {
            thread.awaitTermination(workshop.core.Limits.STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops at once, as a crash does: what was asked is never told. */
    void crash() {
        thread.shutdownNow();
    }
}
