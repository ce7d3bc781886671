package workshop.scale;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import workshop.scale.Protocol.Message;

/**
 * The broker of a single instance, in memory: what {@link RedisBroker} does in Redis, without Redis.
 * One instance is the whole room, so nothing expires and nothing goes down. Ids have the shape of
 * Redis Stream ids ({@code 0-1}, {@code 0-2}, ...), so the page cannot tell the two apart.
 *
 * <p>Synchronized: the room calls it from its thread, the tests from theirs.
 */
public final class LocalBroker implements Broker {

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
        // Nothing expires: this instance is the only one, and it releases what it claims.
        return List.of();
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
        List<Message> after = history.stream()
                .filter(message -> lastId == null || MessageIds.compare(message.id(), lastId) > 0)
                .toList();
        long missed = lastId == null || history.isEmpty() ? 0 : MessageIds.missed(lastId, history.getFirst().id());
        return new History(after, missed);
    }

    @Override
    public void close() {
        // Nothing to let go of.
    }
}
