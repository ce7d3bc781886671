package workshop.scale;

import java.net.URI;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.SetParams;
import redis.clients.jedis.resps.StreamEntry;
import workshop.scale.Protocol.Message;

/**
 * The room's shared state in Redis, so that many instances serve one room:
 * <ul>
 *   <li>the channel {@value #CHANNEL}: every instance publishes the room's events there, and hears them all;</li>
 *   <li>a key {@value #NAME_KEY}{@code <name>} per member, owned by its instance, which keeps it alive, and
 *       the sorted set {@value #ONLINE} of the names, scored by when they expire;</li>
 *   <li>the stream {@value #HISTORY}: the recent messages, whose ids are the messages' ids, and the key
 *       {@value #EPOCH}, the first part of those ids, new whenever the stream starts again.</li>
 * </ul>
 * What must not be split by another instance is one {@link RedisScripts} script.
 */
public final class RedisBroker implements Broker {

    static final String CHANNEL = "chat:events";
    static final String NAME_KEY = "chat:name:";
    static final String ONLINE = "chat:online";
    static final String HISTORY = "chat:history";
    static final String EPOCH = "chat:epoch";

    private static final Logger log = LoggerFactory.getLogger(RedisBroker.class);

    private final String address;
    /** Tells this instance's claims from the others' in Redis. */
    private final String instanceId = UUID.randomUUID().toString();
    /** Thread-safe: a pool of connections for commands. Subscribing takes one of them for as long as it lasts. */
    private final RedisClient redis;
    private final CountDownLatch listening = new CountDownLatch(1);
    private volatile boolean closed;
    private Listener listener;

    private final JedisPubSub subscription = new JedisPubSub() {
        @Override
        public void onSubscribe(String channel, int subscribedChannels) {
            listening.countDown();
            listener.onBrokerUp();
        }

        @Override
        public void onMessage(String channel, String json) {
            // TODO 1: hand the event to the room: every instance delivers what it hears to its own members
        }
    };

    public RedisBroker(URI address) {
        this.address = address.getHost() + ":" + address.getPort();
        int timeout = (int) Limits.REDIS_TIMEOUT.toMillis();
        redis = RedisClient.builder()
                .hostAndPort(address.getHost(), address.getPort())
                .clientConfig(DefaultJedisClientConfig.builder().connectionTimeoutMillis(timeout).socketTimeoutMillis(timeout).build())
                .build();
    }

    @Override
    public void start(Listener listener) {
        this.listener = listener;
        Thread subscriber = new Thread(this::listen, "redis-subscriber");
        subscriber.setDaemon(true);
        subscriber.start();
        try {
            listening.await(Limits.REDIS_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs on the subscriber thread: {@code subscribe} blocks, handing each event to {@link #subscription}. */
    private void listen() {
        // TODO 4: until closed, subscribe again and again: on a JedisException tell the listener it is down, pause, retry
        subscribe();
    }

    private void subscribe() {
        // TODO 1: subscribe to CHANNEL with the subscription above (redis.subscribe blocks while it lasts)
    }

    private void pause() {
        try {
            Thread.sleep(Limits.REDIS_RETRY.toMillis());
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void publish(String json) {
        // TODO 1: publish the event on CHANNEL; do not deliver it here too: it comes back through the subscription
        throw new UnsupportedOperationException("TODO 1: RedisBroker.publish");
    }

    @Override
    public boolean claim(String name) {
        // TODO 2: SET nameKey(name) instanceId NX PX ttl(); if it answers OK, ZADD the name to ONLINE scored expiry()
        return true;
    }

    @Override
    public List<String> refresh(Collection<String> names) {
        // TODO 2: run RedisScripts.REFRESH (keys: ONLINE, then each nameKey; args: instanceId, ttl(), (long) expiry(), the names); return its answer
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
        // TODO 3: XRANGE HISTORY from "(" + lastId (or "-") to "+"; missed: MessageIds.missed(lastId, the first one read)
        return History.EMPTY;
    }

    @Override
    public void close() {
        closed = true;
        try {
            if (subscription.isSubscribed()) {
                subscription.unsubscribe();
            }
        } catch (JedisException alreadyGone) {
            // Redis went away first: there is no subscription left to end.
        }
        redis.close();
    }

    /** Runs one command; a Redis that does not answer becomes {@link BrokerDown}, which the room handles. */
    private <T> T call(Supplier<T> command) {
        // TODO 4: turn a JedisException into a BrokerDown that says which Redis does not answer, with the exception as its cause
        return command.get();
    }

    private static Message message(StreamEntry entry) {
        Map<String, String> fields = entry.getFields();
        return new Message(entry.getID().toString(), fields.get("from"), fields.get("text"), fields.get("at"));
    }

    private static String nameKey(String name) {
        return NAME_KEY + name.toLowerCase(Locale.ROOT);
    }

    private static long ttl() {
        return Limits.PRESENCE_TTL.toMillis();
    }

    private static double expiry() {
        return System.currentTimeMillis() + ttl();
    }
}
