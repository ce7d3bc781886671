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
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.SetParams;
import redis.clients.jedis.params.XAddParams;
import redis.clients.jedis.resps.StreamEntry;
import workshop.scale.Protocol.Message;

/**
 * The room's shared state in Redis, so that many instances serve one room:
 * <ul>
 *   <li>the channel {@value #CHANNEL}: every instance publishes the room's events there, and hears them all;</li>
 *   <li>a key {@value #NAME_KEY}{@code <name>} per member, owned by its instance, which keeps it alive, and
 *       the sorted set {@value #ONLINE} of the names, scored by when they expire;</li>
 *   <li>the stream {@value #HISTORY}: the recent messages, whose ids are the messages' ids.</li>
 * </ul>
 */
public final class RedisBroker implements Broker {

    static final String CHANNEL = "chat:events";
    static final String NAME_KEY = "chat:name:";
    static final String ONLINE = "chat:online";
    static final String HISTORY = "chat:history";

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
            listener.onEvent(json);
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
        while (!closed) {
            try {
                subscribe();
            } catch (JedisException lost) {
                if (closed) {
                    return;
                }
                listener.onBrokerDown("lost the subscription to Redis at " + address);
                pause();
            }
        }
    }

    private void subscribe() {
        redis.subscribe(subscription, CHANNEL);
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
        call(() -> redis.publish(CHANNEL, json));
    }

    @Override
    public boolean claim(String name) {
        // SET ... NX PX: "mine if nobody has it, for this long", in one command no other instance can split.
        SetParams ifFree = SetParams.setParams().nx().px(ttl());
        boolean mine = "OK".equals(call(() -> redis.set(nameKey(name), instanceId, ifFree)));
        if (mine) {
            call(() -> redis.zadd(ONLINE, expiry(), name));
        }
        return mine;
    }

    @Override
    public void refresh(Collection<String> names) {
        call(() -> {
            // One round trip for all of them. Plain SET, not XX: after Redis restarted empty, this claims them again.
            try (AbstractPipeline pipeline = redis.pipelined()) {
                for (String name : names) {
                    pipeline.set(nameKey(name), instanceId, SetParams.setParams().px(ttl()));
                    pipeline.zadd(ONLINE, expiry(), name);
                }
            }
            return null;
        });
    }

    @Override
    public void release(String name) {
        call(() -> redis.del(nameKey(name)));
        call(() -> redis.zrem(ONLINE, name));
    }

    @Override
    public List<String> online() {
        List<String> names = call(() -> redis.zrangeByScore(ONLINE, System.currentTimeMillis(), Double.POSITIVE_INFINITY));
        return names.stream().sorted(String.CASE_INSENSITIVE_ORDER).toList();
    }

    @Override
    public List<String> expired() {
        List<String> stale = call(() -> redis.zrangeByScore(ONLINE, Double.NEGATIVE_INFINITY, System.currentTimeMillis()));
        // ZREM answers 1 to one instance only: the one that says goodbye for that name.
        return stale.stream().filter(name -> call(() -> redis.zrem(ONLINE, name)) == 1).toList();
    }

    @Override
    public String append(String from, String text, String at) {
        // "0-*": Redis numbers the entries 0-1, 0-2, ... so that the gap between two ids counts the messages
        // between them. MAXLEN: the stream keeps the last HISTORY_SIZE and drops older ones as it goes.
        XAddParams params = XAddParams.xAddParams().id("0-*").maxLen(Limits.HISTORY_SIZE);
        return call(() -> redis.xadd(HISTORY, params, Map.of("from", from, "text", text, "at", at))).toString();
    }

    @Override
    public History since(String lastId) {
        // "(" makes the start exclusive: the entries after lastId.
        String start = lastId == null ? "-" : "(" + lastId;
        List<StreamEntry> entries = call(() -> redis.xrange(HISTORY, start, "+", Limits.HISTORY_SIZE));
        List<Message> messages = entries.stream().map(RedisBroker::message).toList();
        long missed = lastId == null || messages.isEmpty()
                ? 0 : Math.max(0, MessageIds.sequence(messages.get(0).id()) - MessageIds.sequence(lastId) - 1);
        return new History(messages, missed);
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
        try {
            return command.get();
        } catch (JedisException unreachable) {
            throw new BrokerDown("Redis at " + address + " does not answer");
        }
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
