package workshop.scale;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import workshop.scale.Messages.Message;

/**
 * One instance on its own, in memory: what {@link RedisBroker} keeps in Redis, without Redis (the
 * chat core's {@link workshop.core.LocalBroker} has no names or history to share). Nothing expires
 * and nothing goes down. Ids have the shape of the Redis ones ({@code 0-1}, {@code 0-2}, ...), so the
 * page cannot tell the two apart. Synchronized: the room's calls thread and the tests call it.
 */
public final class LocalCluster implements Cluster {

    private Listener listener;
    /** Lower-cased name to the name as it was claimed: names are unique ignoring case. */
    private final Map<String, String> names = new HashMap<>();
    private final Deque<Message> history = new ArrayDeque<>();
    private long lastSequence;

    @Override
    public synchronized void start(Listener listener) {
        this.listener = listener;
        listener.onBrokerUp();
    }

    @Override
    public void publish(String json) {
        listener.onEvent(json);
    }

    @Override
    public synchronized boolean claim(String name) {
        return names.putIfAbsent(name.toLowerCase(Locale.ROOT), name) == null;
    }

    @Override
    public List<String> refresh(Collection<String> names) {
        return List.of(); // this instance is the only one, and it releases what it claims
    }

    @Override
    public synchronized void release(String name) {
        names.remove(name.toLowerCase(Locale.ROOT));
    }

    @Override
    public synchronized List<String> online() {
        return names.values().stream().sorted(String.CASE_INSENSITIVE_ORDER).toList();
    }

    @Override
    public List<String> expired() {
        return List.of();
    }

    @Override
    public synchronized String append(String from, String text, String at, String newest) {
        // One epoch, 0: this history lives as long as the instance, whose ids never start again.
        String id = "0-" + ++lastSequence;
        history.addLast(new Message(id, from, text, at));
        if (history.size() > Limits.HISTORY_SIZE) {
            history.removeFirst();
        }
        return id;
    }

    @Override
    public synchronized History since(String lastId) {
        List<Message> after = history.stream().filter(message -> lastId == null || MessageIds.compare(message.id(), lastId) > 0).toList();
        long missed = lastId == null || history.isEmpty() ? 0 : MessageIds.missed(lastId, history.getFirst().id());
        return new History(after, missed);
    }

    @Override
    public void close() {
    }
}
