package workshop.scale;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * On loopback: 1 instance × 1,000 clients on the in-process broker, then 2 instances × 500 clients
 * through a real Redis. Prints the join time, deliveries per second, lost messages and the
 * send-to-receive latency of each, and what Redis adds. A main class, not a test: figures depend on
 * the machine. Run it with the solution (see the README).
 */
public final class ScaleBenchmark {

    private static final int CLIENTS = 1_000;
    private static final int SENDERS = 20;
    /** The join takes one token of the rate limit's burst; each sender spends the rest. */
    private static final int MESSAGES_EACH = Limits.RATE_LIMIT_BURST - 1;
    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final int HTTP_CLIENTS = 8;
    private static final int PACED_MESSAGES = 40;
    private static final Duration PACE = Duration.ofMillis(100);
    private static final Duration QUIET = Duration.ofSeconds(20);

    private record Result(String name, long joinMillis, long expected, long delivered, double perSecond, long[] latenciesMicros, int dropped) {
        long percentile(double p) {
            return latenciesMicros.length == 0 ? -1 : latenciesMicros[(int) Math.min(latenciesMicros.length - 1, p * latenciesMicros.length)];
        }
    }

    private ScaleBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        // The tests' log file is relative to the module, and the benchmark may run from the root: warnings go to the console.
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        Instance local = Instance.local();
        Result one;
        try {
            one = run("1 instance x 1000, in-process broker", List.of(local));
        } finally {
            local.close();
        }
        Result two;
        try (RedisServer redis = RedisServer.start()) {
            List<Instance> instances = List.of(Instance.onRedis("A", redis), Instance.onRedis("B", redis));
            try {
                two = run("2 instances x 500, through Redis", instances);
            } finally {
                instances.forEach(Instance::close);
            }
        }
        System.out.printf("%n| setup | join %d clients | deliveries/s (burst) | lost | clients dropped | p50 (paced) | p99 (paced) |%n|---|---|---|---|---|---|---|%n", CLIENTS);
        for (Result result : List.of(one, two)) {
            System.out.printf("| %s | %d ms | %.0f | %d of %d | %d | %.1f ms | %.1f ms |%n", result.name(), result.joinMillis(), result.perSecond(),
                    result.expected() - result.delivered(), result.expected(), result.dropped(),
                    result.percentile(0.5) / 1000.0, result.percentile(0.99) / 1000.0);
        }
        System.out.printf("Redis adds: %.1f ms at p50, %.1f ms at p99%n",
                (two.percentile(0.5) - one.percentile(0.5)) / 1000.0, (two.percentile(0.99) - one.percentile(0.99)) / 1000.0);
        System.exit(0);
    }

    private static Result run(String name, List<Instance> instances) throws Exception {
        // One HttpClient has one selector thread: several share the reading of a thousand sockets.
        List<HttpClient> clients = new ArrayList<>();
        for (int i = 0; i < HTTP_CLIENTS; i++) {
            clients.add(HttpClient.newHttpClient());
        }
        AtomicInteger dropped = new AtomicInteger();
        AtomicInteger frames = new AtomicInteger();
        long expected = (long) SENDERS * MESSAGES_EACH * CLIENTS;
        long[] latencies = new long[(int) expected];
        AtomicInteger delivered = new AtomicInteger();
        CountDownLatch welcomed = new CountDownLatch(CLIENTS);
        List<WebSocket> sockets = new ArrayList<>();

        long joinStart = System.nanoTime();
        List<CompletionStage<WebSocket>> opening = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            URI uri = instances.get(i % instances.size()).uri();
            String join = "{\"type\":\"join\",\"name\":\"b" + i + "\"}";
            opening.add(clients.get(i % HTTP_CLIENTS).newWebSocketBuilder().buildAsync(uri, new Receiver(welcomed, delivered, latencies, dropped, frames))
                    .thenCompose(socket -> socket.sendText(join, true)));
        }
        for (CompletionStage<WebSocket> open : opening) {
            sockets.add(open.toCompletableFuture().get(PATIENCE.toSeconds(), TimeUnit.SECONDS));
        }
        if (!welcomed.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
            throw new IllegalStateException(name + ": " + welcomed.getCount() + " clients got no welcome");
        }
        long joinMillis = (System.nanoTime() - joinStart) / 1_000_000;
        // Each join told everyone already there: let those notices drain before measuring messages.
        awaitQuiet(frames, Duration.ofSeconds(2));

        // Burst: every sender spends its whole rate-limit burst at once. Throughput and losses.
        long sendStart = System.nanoTime();
        for (int m = 0; m < MESSAGES_EACH; m++) {
            for (int s = 0; s < SENDERS; s++) {
                // Senders on every instance: the first SENDERS clients alternate between them.
                sockets.get(s).sendText("{\"type\":\"message\",\"text\":\"t" + System.nanoTime() + "\"}", true).join();
            }
        }
        long end = awaitDeliveries(delivered, expected);
        int count = Math.min(delivered.get(), latencies.length);
        double seconds = (end - sendStart) / 1e9;

        // Paced: one message every PACE, within the rate limit: the latency of the path, not of a queue.
        awaitQuiet(frames, Duration.ofSeconds(2));
        delivered.set(0);
        for (int m = 0; m < PACED_MESSAGES; m++) {
            sockets.get(SENDERS + m % SENDERS).sendText("{\"type\":\"message\",\"text\":\"t" + System.nanoTime() + "\"}", true).join();
            TimeUnit.MILLISECONDS.sleep(PACE.toMillis());
        }
        awaitDeliveries(delivered, (long) PACED_MESSAGES * CLIENTS);
        long[] sorted = Arrays.copyOf(latencies, Math.min(delivered.get(), latencies.length));
        Arrays.sort(sorted);
        for (WebSocket socket : sockets) {
            socket.abort();
        }
        return new Result(name, joinMillis, expected, count, count / seconds, sorted, dropped.get());
    }

    /** Until every delivery came, or none came for QUIET; returns when the last one came. */
    private static long awaitDeliveries(AtomicInteger delivered, long expected) throws InterruptedException {
        long start = System.nanoTime();
        long lastCount = -1;
        long lastProgress = start;
        while (delivered.get() < expected && System.nanoTime() - lastProgress < QUIET.toNanos() && System.nanoTime() - start < PATIENCE.toNanos()) {
            int now = delivered.get();
            if (now != lastCount) {
                lastCount = now;
                lastProgress = System.nanoTime();
            }
            TimeUnit.MILLISECONDS.sleep(5);
        }
        return delivered.get() >= expected ? System.nanoTime() : lastProgress;
    }

    private static void awaitQuiet(AtomicInteger counter, Duration quiet) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        int last = -1;
        long since = System.nanoTime();
        while (System.nanoTime() < deadline && (counter.get() != last || System.nanoTime() - since < quiet.toNanos())) {
            if (counter.get() != last) {
                last = counter.get();
                since = System.nanoTime();
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    /** Counts chat messages and how long each took since its sender wrote the time into it. */
    private static final class Receiver implements WebSocket.Listener {
        private final CountDownLatch welcomed;
        private final AtomicInteger delivered;
        private final long[] latencies;
        private final AtomicInteger dropped;
        private final AtomicInteger frames;
        private final StringBuilder partial = new StringBuilder();

        Receiver(CountDownLatch welcomed, AtomicInteger delivered, long[] latencies, AtomicInteger dropped, AtomicInteger frames) {
            this.frames = frames;
            this.welcomed = welcomed;
            this.delivered = delivered;
            this.latencies = latencies;
            this.dropped = dropped;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
            dropped.incrementAndGet();
            return null;
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            dropped.incrementAndGet();
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String json = partial.toString();
                partial.setLength(0);
                frames.incrementAndGet();
                if (json.startsWith("{\"type\":\"welcome\"")) {
                    welcomed.countDown();
                } else if (json.startsWith("{\"type\":\"message\"")) {
                    int start = json.indexOf("\"text\":\"t") + 9;
                    long sent = Long.parseLong(json.substring(start, json.indexOf('"', start)));
                    int slot = delivered.getAndIncrement();
                    if (slot < latencies.length) {
                        latencies[slot] = (System.nanoTime() - sent) / 1000;
                    }
                }
            }
            socket.request(1);
            return null;
        }
    }
}
