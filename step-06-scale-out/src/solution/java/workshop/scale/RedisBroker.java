package workshop.scale;

import java.net.URI;
import java.util.ArrayList;
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
    public List<String> refresh(Collection<String> names) {
        // One round trip for all of them, and owner by owner: a name another instance took since stays theirs.
        List<String> keys = new ArrayList<>(List.of(ONLINE));
        names.forEach(name -> keys.add(nameKey(name)));
        List<String> args = new ArrayList<>(List.of(instanceId, String.valueOf(ttl()), String.valueOf((long) expiry())));
        args.addAll(names);
        List<?> lost = (List<?>) call(() -> redis.eval(RedisScripts.REFRESH, keys, args));
        return lost.stream().map(String::valueOf).toList();
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
        List<String> stale = call(() -> redis.zrangeByScore(ONLINE, Double.NEGATIVE_INFINITY, System.currentTimeMillis()));
        // ZREM answers 1 to one instance only: the one that says goodbye for that name.
        return stale.stream().filter(name -> call(() -> redis.zrem(ONLINE, name)) == 1).toList();
    }

    @Override
    public String append(String from, String text, String at, String newest) {
        // The epoch and the entry in one step: two instances appending at once after Redis restarted empty
        // agree on one epoch. MAXLEN: the stream keeps the last HISTORY_SIZE and drops older ones as it goes.
        List<String> args = List.of(newest == null ? "0-0" : newest, String.valueOf(Limits.HISTORY_SIZE), from, text, at);
        return (String) call(() -> redis.eval(RedisScripts.APPEND, List.of(HISTORY, EPOCH), args));
    }

    @Override
    public History since(String lastId) {
        // "(" makes the start exclusive: the entries after lastId.
        String start = lastId == null ? "-" : "(" + lastId;
        List<StreamEntry> entries = call(() -> redis.xrange(HISTORY, start, "+", Limits.HISTORY_SIZE));
        List<Message> messages = entries.stream().map(RedisBroker::message).toList();
        long missed = lastId == null || messages.isEmpty() ? 0 : MessageIds.missed(lastId, messages.get(0).id());
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
            throw new BrokerDown("Redis at " + address + " does not answer", unreachable);
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
