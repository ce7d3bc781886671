package workshop.scale;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.resps.StreamEntry;
import workshop.scale.Messages.Message;

/** What {@link RedisBroker} needs from Jedis that is not the lesson: a client, a thread, a wait, a read. */
final class Redis {

    private Redis() {
    }

    /**
     * A pool of connections, thread-safe, whose every command gives up after {@link Limits#REDIS_TIMEOUT}:
     * Redis then counts as gone. Subscribing takes one of the connections for as long as it lasts.
     */
    static RedisClient client(URI uri) {
        int timeout = (int) Limits.REDIS_TIMEOUT.toMillis();
        return RedisClient.builder().hostAndPort(uri.getHost(), uri.getPort())
                .clientConfig(DefaultJedisClientConfig.builder().connectionTimeoutMillis(timeout).socketTimeoutMillis(timeout).build())
                .build();
    }

    /**
     * What Redis hands the subscriber thread while {@code redis.subscribe(subscription, channel)} blocks:
     * each event on the channel ({@code onEvent}), and each time the subscription stands, again too
     * ({@code onListening}).
     */
    static final class Subscription extends JedisPubSub {

        private final Consumer<String> onEvent;
        private final Runnable onListening;
        private final CountDownLatch listening = new CountDownLatch(1);

        Subscription(Consumer<String> onEvent, Runnable onListening) {
            this.onEvent = onEvent;
            this.onListening = onListening;
        }

        @Override
        public void onSubscribe(String channel, int subscribedChannels) {
            listening.countDown();
            onListening.run();
        }

        @Override
        public void onMessage(String channel, String json) {
            onEvent.accept(json);
        }

        /** Runs {@code subscriber} on a thread of its own; returns once it listens, or after {@link Limits#REDIS_TIMEOUT}. */
        void start(Runnable subscriber) {
            Thread thread = new Thread(subscriber, "redis-subscriber");
            thread.setDaemon(true);
            thread.start();
            try {
                listening.await(Limits.REDIS_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException stopping) {
                Thread.currentThread().interrupt();
            }
        }

        /** Ends the subscription, if there is one: {@code subscribe} then returns on the subscriber thread. */
        void end() {
            try {
                if (isSubscribed()) {
                    unsubscribe();
                }
            } catch (JedisException alreadyGone) {
                // Redis went away first: there is no subscription left to end.
            }
        }
    }

    /** Waits {@link Limits#REDIS_RETRY} before the next try. */
    static void pause() {
        try {
            Thread.sleep(Limits.REDIS_RETRY.toMillis());
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        }
    }

    /** A stream entry as the chat message it holds: its id is the message's id. */
    static Message message(StreamEntry entry) {
        Map<String, String> fields = entry.getFields();
        return new Message(entry.getID().toString(), fields.get("from"), fields.get("text"), fields.get("at"));
    }
}
