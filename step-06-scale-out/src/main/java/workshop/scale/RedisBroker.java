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
    // TODO 1: hand each event to the room, listener.onEvent(json): every instance delivers what it hears to its own members
    private final Redis.Subscription subscription = new Redis.Subscription(json -> { }, () -> listener.onBrokerUp());

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
        // TODO 4: until closed, subscribe again and again: on a JedisException tell the listener it is down, Redis.pause(), retry
        subscribe();
    }

    private void subscribe() {
        // TODO 1: subscribe to CHANNEL with the subscription above (redis.subscribe blocks while it lasts)
    }

    @Override
    public void publish(String json) {
        // TODO 1: publish the event on CHANNEL; do not deliver it here too: it comes back through the subscription
        throw new UnsupportedOperationException("TODO 1: RedisBroker.publish");
    }

    @Override
    public boolean claim(String name) {
        // TODO 2: SET nameKey(name) instanceId NX PX TTL; if it answers OK, ZADD the name to ONLINE scored expiry()
        return true;
    }

    @Override
    public List<String> refresh(Collection<String> names) {
        // TODO 2: run RedisScripts.REFRESH (keys: ONLINE, then each nameKey; args: instanceId, TTL, expiry(), the names); return its answer
        return List.of();
    }

    @Override
    public void release(String name) {
        // TODO 2: run RedisScripts.RELEASE with keys nameKey(name), ONLINE and args instanceId, name (it frees only this instance's claim)
    }

    @Override
    public List<String> online() {
        // TODO 2: the names in ONLINE that expire after now (ZRANGEBYSCORE now +inf), sorted ignoring case
        return List.of();
    }

    @Override
    public List<String> expired() {
        // TODO 2: the names in ONLINE that expired (score up to now), each kept only if this instance's ZREM removed it
        return List.of();
    }

    @Override
    public String append(String from, String text, String at, String newest) {
        // TODO 3: run RedisScripts.APPEND (keys: HISTORY, EPOCH; args: newest or "0-0", HISTORY_SIZE, from, text, at); return its answer
        return null;
    }

    @Override
    public History since(String lastId) {
        // TODO 3: XRANGE HISTORY from "(" + lastId (or "-") to "+", as Redis.message each; missed: MessageIds.missed(lastId, the first one read)
        return History.EMPTY;
    }

    /** Runs one command; a Redis that does not answer becomes {@link BrokerDown}, which the room handles. */
    private <T> T call(Supplier<T> command) {
        // TODO 4: turn a JedisException into a BrokerDown that says which Redis does not answer, with the exception as its cause
        return command.get();
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
