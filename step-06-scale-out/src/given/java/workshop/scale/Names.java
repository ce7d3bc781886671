package workshop.scale;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import workshop.core.Hub;

/**
 * This instance's names in the cluster, kept alive: every {@link Limits#PRESENCE_REFRESH} a thread of
 * its own ({@code chat-presence}) refreshes them, and looks for the names of instances that stopped.
 * Not the calls' thread: a queue of messages to append must not let the names expire. What it finds
 * goes to the room as events on the hub.
 */
final class Names implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Names.class);

    private final Cluster cluster;
    private final Hub hub;
    private final ChatRoom room;
    /** Written on the hub's thread, read on the refresh thread. */
    private final Set<String> mine = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> new Thread(task, "chat-presence"));

    Names(Cluster cluster, Hub hub, ChatRoom room) {
        this.cluster = cluster;
        this.hub = hub;
        this.room = room;
        long every = Limits.PRESENCE_REFRESH.toMillis();
        timer.scheduleWithFixedDelay(this::refresh, every, every, TimeUnit.MILLISECONDS);
    }

    void add(String name) {
        mine.add(name);
    }

    void remove(String name) {
        mine.remove(name);
    }

    /** On the refresh thread. */
    private void refresh() {
        try {
            List<String> lost = cluster.refresh(List.copyOf(mine));
            List<String> expired = cluster.expired();
            List<String> online = expired.isEmpty() ? List.of() : cluster.online();
            hub.post(() -> {
                lost.forEach(room::lose);
                expired.forEach(gone -> room.expire(gone, online));
            });
        } catch (BrokerDown down) {
            room.onBrokerDown(down.getMessage());
        } catch (RuntimeException bug) {
            log.error("Refreshing the names failed", bug);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
