package workshop.broadcast;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ServerHandshake;

/**
 * Not a test: how fast does BroadcastServer fan out on loopback? It starts the server in this JVM,
 * connects N Java-WebSocket clients, and prints two figures:
 * <ol>
 *   <li>fan-out latency: one message at a time, from the send until the last client has it;</li>
 *   <li>flood: every client sends M messages at once; messages in and deliveries out per second, and
 *       how long each delivery took from its send (the queues show up here);</li>
 *   <li>a flood of 16 KiB messages, then the same with one more client that never reads: what it
 *       costs the others, and how many bytes the server holds for it afterwards.</li>
 * </ol>
 * Arguments: clients (default 10, at most 100) and messages per client (default 1000, at most 10000).
 * Everything stays on 127.0.0.1, and a flood that has not arrived after {@value #GIVE_UP_SECONDS} s is given up.
 */
public final class BroadcastBenchmark {

    private static final int MAX_CLIENTS = 100;
    private static final int MAX_MESSAGES = 10_000;
    private static final int MAX_DELIVERIES = 5_000_000;
    private static final int LATENCY_ROUNDS = 500;
    private static final int GIVE_UP_SECONDS = 60;
    /** The slow-reader phase sends big messages, or the kernel's socket buffers (megabytes on loopback) hide the backlog. */
    private static final int BIG_MESSAGES = 100;
    private static final String BIG_PADDING = "x".repeat(16 * 1024);

    /** One client: counts what it gets and notes how long each message took since its send. */
    private static final class Receiver extends WebSocketClient {
        private final Recorder recorder;

        Receiver(URI uri, Recorder recorder) {
            super(uri);
            this.recorder = recorder;
        }

        @Override
        public void onMessage(String line) {
            if (!line.startsWith("* ")) {
                long sentAt = Long.parseLong(line.substring(line.lastIndexOf(' ') + 1));
                recorder.record(System.nanoTime() - sentAt);
            }
        }

        @Override
        public void onOpen(ServerHandshake handshake) {
        }

        @Override
        public void onClose(int code, String reason, boolean remote) {
        }

        @Override
        public void onError(Exception ex) {
        }
    }

    /** Delivery latencies of one phase, in nanoseconds, and a latch that opens when all have arrived. */
    private static final class Recorder {
        private volatile long[] nanos = new long[0];
        private volatile CountDownLatch done = new CountDownLatch(0);
        private final AtomicInteger next = new AtomicInteger();

        void expect(int deliveries) {
            nanos = new long[deliveries];
            next.set(0);
            done = new CountDownLatch(deliveries);
        }

        void record(long latency) {
            int i = next.getAndIncrement();
            if (i < nanos.length) {
                nanos[i] = latency;
                done.countDown();
            }
        }

        void await(int seconds) throws InterruptedException {
            if (!done.await(seconds, TimeUnit.SECONDS)) {
                throw new IllegalStateException("gave up after " + seconds + " s: " + done.getCount()
                        + " deliveries missing. Do the step's tasks first, or run with -Psolution.");
            }
        }

        long[] sorted() {
            long[] copy = nanos.clone();
            Arrays.sort(copy);
            return copy;
        }
    }

    public static void main(String[] args) throws Exception {
        int clients = Math.min(MAX_CLIENTS, args.length > 0 ? Integer.parseInt(args[0]) : 10);
        int messages = Math.min(MAX_MESSAGES, args.length > 1 ? Integer.parseInt(args[1]) : 1000);
        if ((long) clients * clients * messages > MAX_DELIVERIES) {
            throw new IllegalArgumentException(clients + " clients x " + messages + " messages is more than "
                    + MAX_DELIVERIES + " deliveries; choose fewer");
        }

        CountDownLatch started = new CountDownLatch(1);
        BroadcastServer server = new BroadcastServer(new InetSocketAddress("127.0.0.1", 0), BroadcastServer.CONNECTION_LOST_TIMEOUT_SECONDS) {
            @Override
            public void onStart() {
                super.onStart();
                started.countDown();
            }
        };
        server.start();
        started.await(5, TimeUnit.SECONDS);
        URI uri = URI.create("ws://127.0.0.1:" + server.getPort());

        Recorder recorder = new Recorder();
        List<Receiver> receivers = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            Receiver receiver = new Receiver(uri, recorder);
            receiver.connectBlocking(5, TimeUnit.SECONDS);
            receivers.add(receiver);
        }
        System.out.printf("BroadcastServer on loopback: %d clients, Java %s, %d CPUs%n",
                clients, System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());

        // One message first: it shows that the server relays at all, and that every client is counted.
        recorder.expect(clients);
        receivers.get(0).send("hello " + System.nanoTime());
        recorder.await(5);
        flood(receivers, recorder, Math.min(messages, 200), "");  // warm-up for the JIT, not printed
        fanOut(receivers.get(0), recorder, clients);
        flood(receivers, recorder, messages, "").print("Flood", clients, messages);
        withSlowReader(server, uri, receivers, recorder);

        for (Receiver receiver : receivers) {
            receiver.closeBlocking();
        }
        server.stop(1000);
    }

    private static void fanOut(Receiver sender, Recorder recorder, int clients) throws InterruptedException {
        long[] lastArrival = new long[LATENCY_ROUNDS];
        for (int round = 0; round < LATENCY_ROUNDS; round++) {
            recorder.expect(clients);
            sender.send("ping " + System.nanoTime());
            recorder.await(5);
            lastArrival[round] = recorder.sorted()[clients - 1];
        }
        Arrays.sort(lastArrival);
        System.out.printf("Fan-out, one message at a time (%d rounds), until the last client has it:%n  %s%n",
                LATENCY_ROUNDS, percentiles(lastArrival));
    }

    private static void withSlowReader(BroadcastServer server, URI uri, List<Receiver> receivers, Recorder recorder)
            throws Exception {
        flood(receivers, recorder, BIG_MESSAGES, BIG_PADDING).print("Flood of 16 KiB messages", receivers.size(), BIG_MESSAGES);
        try (RawClient slow = new RawClient(uri)) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (server.getConnections().size() <= receivers.size() && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            flood(receivers, recorder, BIG_MESSAGES, BIG_PADDING)
                    .print("The same, with one more client that never reads", receivers.size(), BIG_MESSAGES);
            // The library's own queue of frames not yet written to that client's socket (public in 1.6.0).
            long queued = server.getConnections().stream()
                    .filter(conn -> conn.getRemoteSocketAddress().getPort() == slow.localPort())
                    .mapToLong(conn -> queuedBytes(conn)).sum();
            System.out.printf("  bytes the server still holds for the client that never reads: %,d%n", queued);
        }
    }

    private static long queuedBytes(WebSocket conn) {
        return ((WebSocketImpl) conn).outQueue.stream().mapToLong(buffer -> buffer.remaining()).sum();
    }

    private record Flood(double seconds, long[] latencies) {
        void print(String title, int clients, int messages) {
            long in = (long) clients * messages;
            System.out.printf("%s, %d clients x %d messages sent at once: %,d in, %,d deliveries out in %.2f s%n",
                    title, clients, messages, in, latencies.length, seconds);
            System.out.printf("  %,.0f messages in/s, %,.0f deliveries out/s%n", in / seconds, latencies.length / seconds);
            System.out.printf("  delivery latency from send: %s%n", percentiles(latencies));
        }
    }

    private static Flood flood(List<Receiver> receivers, Recorder recorder, int messages, String padding) throws InterruptedException {
        recorder.expect(receivers.size() * receivers.size() * messages);
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> senders = new ArrayList<>();
        for (Receiver receiver : receivers) {
            Thread sender = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < messages; i++) {
                    receiver.send("m " + padding + " " + System.nanoTime());
                }
            });
            sender.start();
            senders.add(sender);
        }
        long start = System.nanoTime();
        go.countDown();
        recorder.await(GIVE_UP_SECONDS);
        double seconds = (System.nanoTime() - start) / 1e9;
        for (Thread sender : senders) {
            sender.join();
        }
        return new Flood(seconds, recorder.sorted());
    }

    private static String percentiles(long[] sortedNanos) {
        return String.format("p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms",
                at(sortedNanos, 0.50), at(sortedNanos, 0.90), at(sortedNanos, 0.99), sortedNanos[sortedNanos.length - 1] / 1e6);
    }

    private static double at(long[] sortedNanos, double quantile) {
        return sortedNanos[(int) Math.min(sortedNanos.length - 1, Math.floor(quantile * sortedNanos.length))] / 1e6;
    }
}
