package workshop.scale;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Supplier;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.SetParams;
import redis.clients.jedis.resps.StreamEntry;
import workshop.scale.Messages.Message;

/**
 * The room's shared state in Redis: the channel every instance hears; a key per name, which its instance
 * keeps alive, and the names by expiry; the history, a stream whose ids are the message ids. What no
 * other instance may split is one {@link RedisScripts} script.
 */
public final class RedisBroker implements Cluster {

    static final String CHANNEL = "chat:events";
    static final String NAME_KEY = "chat:name:";
    static final String ONLINE = "chat:online";
    static final String HISTORY = "chat:history";
    static final String EPOCH = "chat:epoch";
    private static final long TTL = Limits.PRESENCE_TTL.toMillis();

    private final String address;
    /** Tells this instance's claims from the others' in Redis. */
    private final String instanceId = UUID.randomUUID().toString();
    private final RedisClient redis;
    private volatile boolean closed;
    private Listener listener;
    /** Hands the room each event on the channel, and says when the subscription stands (again). */
    private final Redis.Subscription subscription = new Redis.Subscription(json -> listener.onEvent(json), () -> listener.onBrokerUp());

    public RedisBroker(URI uri) {
        address = uri.getAuthority();
        redis = Redis.client(uri);
    }

    @Override
    public void start(Listener listener) {
        this.listener = listener;
        subscription.start(this::listen);
    }

    /** On the subscriber thread: {@code subscribe} blocks, handing each event to {@link #subscription}. */
    private void listen() {
        while (!closed) {
            try {
                subscribe();
            } catch (JedisException lost) {
                if (!closed) {
                    listener.onBrokerDown("lost the subscription to Redis at " + address);
                    Redis.pause();
                }
            }
        }
    }

    private void subscribe() {
        redis.subscribe(subscription, CHANNEL);
    }

    @Override
    public void publish(String json) {
        call(() -> redis.publish(CHANNEL, json));
    }

    @Override
    public boolean claim(String name) {
        // SET ... NX PX: "mine if nobody has it, for this long", in one command no other instance can split.
        SetParams ifFree = SetParams.setParams().nx().px(TTL);
        boolean mine = "OK".equals(call(() -> redis.set(nameKey(name), instanceId, ifFree)));
        if (mine) {
            call(() -> redis.zadd(ONLINE, expiry(), name));
        }
        return mine;
    }

    @Override
    public List<String> refresh(Collection<String> names) {
        // One round trip for all of them, owner by owner: a name another instance took since stays theirs.
        List<String> keys = new ArrayList<>(List.of(ONLINE));
        List<String> args = new ArrayList<>(List.of(instanceId, String.valueOf(TTL), String.valueOf(expiry())));
        names.forEach(name -> keys.add(nameKey(name)));
        args.addAll(names);
        return ((List<?>) call(() -> redis.eval(RedisScripts.REFRESH, keys, args))).stream().map(String::valueOf).toList();
    }

    @Override
    public void release(String name) {
        call(() -> redis.eval(RedisScripts.RELEASE, List.of(nameKey(name), ONLINE), List.of(instanceId, name)));
    }

    @Override
    public List<String> online() {
        List<String> names = call(() -> redis.zrangeByScore(ONLINE, System.currentTimeMillis(), Double.POSITIVE_INFINITY));
        return names.stream().sorted(String.CASE_INSENSITIVE_ORDER).toList();
    }

    @Override
    public List<String> expired() {
        // ZREM answers 1 to one instance only: the one that says goodbye for that name.
        return call(() -> redis.zrangeByScore(ONLINE, Double.NEGATIVE_INFINITY, System.currentTimeMillis())).stream()
                .filter(name -> call(() -> redis.zrem(ONLINE, name)) == 1).toList();
    }

    @Override
    public String append(String from, String text, String at, String newest) {
        // The epoch and the entry in one step, so instances appending at once after an empty restart agree on the epoch.
        List<String> args = List.of(newest == null ? "0-0" : newest, String.valueOf(Limits.HISTORY_SIZE), from, text, at);
        return (String) call(() -> redis.eval(RedisScripts.APPEND, List.of(HISTORY, EPOCH), args));
    }

    @Override
    public History since(String lastId) {
        // "(" makes the start exclusive: the entries after lastId.
        List<StreamEntry> entries = call(() -> redis.xrange(HISTORY, lastId == null ? "-" : "(" + lastId, "+", Limits.HISTORY_SIZE));
        List<Message> messages = entries.stream().map(Redis::message).toList();
        return new History(messages, lastId == null || messages.isEmpty() ? 0 : MessageIds.missed(lastId, messages.get(0).id()));
    }

    /** Runs one command; a Redis that does not answer becomes {@link BrokerDown}, which the room handles. */
    private <T> T call(Supplier<T> command) {
        try {
            return command.get();
        } catch (JedisException unreachable) {
            throw new BrokerDown("Redis at " + address + " does not answer", unreachable);
        }
    }

    @Override
    public void close() {
        closed = true;
        subscription.end();
        redis.close();
    }

    private static String nameKey(String name) {
        return NAME_KEY + name.toLowerCase(Locale.ROOT);
    }

    private static long expiry() {
        return System.currentTimeMillis() + TTL;
    }
}
