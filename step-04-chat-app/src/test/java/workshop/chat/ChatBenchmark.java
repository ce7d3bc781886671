package workshop.chat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A benchmark, not a test: starts the chat app as a process of its own, with the connection limits
 * raised, and runs rounds against it, each one: N clients on 127.0.0.1 join, a few of them chat
 * while all listen, then all leave. Per round it prints the time for all to join, the fan-out's
 * deliveries per second, messages lost, latency p50/p99, ghosts (names still online after everyone
 * left) and a new client's join time; at the end, exceptions in the app's log, and heap and RSS, per
 * connection while all are in and again after they left. Arguments: clients (1000), rounds (3).
 */
public final class ChatBenchmark {

    private static final int SENDERS = 20;
    /** Each sender keeps under the room's rate limit (Limits.RATE_LIMIT_PER_SECOND). */
    private static final Duration SEND_EVERY = Duration.ofMillis(600);
    private static final Duration FAN_OUT_FOR = Duration.ofSeconds(10);
    private static final Duration DRAIN_FOR = Duration.ofSeconds(10);
    private static final int IN_FLIGHT = 50;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** One listening client: counts chat messages and records how long each took. */
    private static final class Listener implements WebSocket.Listener {
        final CountDownLatch welcomed = new CountDownLatch(1);
        final AtomicLong messages = new AtomicLong();
        final ConcurrentLinkedQueue<Long> latencies;
        private final StringBuilder partial = new StringBuilder();

        Listener(ConcurrentLinkedQueue<Long> latencies) {
            this.latencies = latencies;
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String json = partial.toString();
                partial.setLength(0);
                if (json.startsWith("{\"type\":\"welcome\"")) {
                    welcomed.countDown();
                } else if (json.startsWith("{\"type\":\"message\"")) {
                    int at = json.indexOf("\"text\":\"t=");
                    if (at >= 0) {
                        long sent = Long.parseLong(json.substring(at + 10, json.indexOf('"', at + 10)));
                        latencies.add(System.nanoTime() - sent);
                        messages.incrementAndGet();
                    }
                }
            }
            socket.request(1);
            return null;
        }
    }

    private ChatBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int port = freePort();
        Path log = Files.createTempFile("chat-benchmark", ".log");
        Process app = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Dport=" + port,
                "-Dlimits.connections=" + (clients + 100), "-Dlimits.connectionsPerAddress=" + (clients + 100),
                ChatApp.class.getName())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            URI uri = URI.create("ws://127.0.0.1:" + port + ChatApp.PATH);
            awaitUp(uri);
            System.out.printf("chat app pid %d on port %d; %d clients, %d rounds, %d senders at %.1f msg/s each%n",
                    app.pid(), port, clients, rounds, SENDERS, 1000.0 / SEND_EVERY.toMillis());
            long[] before = memory(app.pid());
            System.out.printf("at start: heap %d MB, RSS %d MB%n", before[0] >> 20, before[1] >> 20);
            long[] full = before;
            for (int round = 1; round <= rounds; round++) {
                full = round(uri, round, clients, app.pid());
                long[] after = memory(app.pid());
                System.out.printf("  with all in: heap %+.1f KB, RSS %+.1f KB per connection; after they left: heap %d MB, RSS %d MB%n",
                        (full[0] - before[0]) / 1024.0 / clients, (full[1] - before[1]) / 1024.0 / clients, after[0] >> 20, after[1] >> 20);
            }
            List<String> problems = Files.readAllLines(log).stream()
                    .filter(line -> line.contains("Exception") || line.stripLeading().startsWith("at ") || line.contains(" WARN "))
                    .toList();
            System.out.printf("exceptions, stack-trace lines or warnings in the app's log: %d%s%n", problems.size(),
                    problems.isEmpty() ? "" : ", first: " + problems.get(0));
        } finally {
            app.destroy();
            app.waitFor(10, TimeUnit.SECONDS);
            Files.deleteIfExists(log);
        }
    }

    /** One round; returns the app's heap and RSS while all clients are in. */
    private static long[] round(URI uri, int round, int clients, long pid) throws Exception {
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        List<WebSocket> sockets = new ArrayList<>();
        List<Listener> listeners = new ArrayList<>();
        long start = System.nanoTime();
        for (int first = 0; first < clients; first += IN_FLIGHT) {
            List<CompletableFuture<WebSocket>> opening = new ArrayList<>();
            for (int i = first; i < Math.min(clients, first + IN_FLIGHT); i++) {
                Listener listener = new Listener(latencies);
                listeners.add(listener);
                String name = "r" + round + "-" + i;
                opening.add(HTTP.newWebSocketBuilder().buildAsync(uri, listener)
                        .thenCompose(socket -> socket.sendText("{\"type\":\"join\",\"name\":\"" + name + "\"}", true)));
            }
            for (CompletableFuture<WebSocket> socket : opening) {
                sockets.add(socket.get(30, TimeUnit.SECONDS));
            }
        }
        for (Listener listener : listeners) {
            if (!listener.welcomed.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("a client got no welcome within 30 s");
            }
        }
        double joinSeconds = (System.nanoTime() - start) / 1e9;
        long[] full = memory(pid);

        long sent = 0;
        long fanOutStart = System.nanoTime();
        long end = fanOutStart + FAN_OUT_FOR.toNanos();
        for (long next = fanOutStart; next < end; next += SEND_EVERY.toNanos()) {
            TimeUnit.NANOSECONDS.sleep(Math.max(0, next - System.nanoTime()));
            for (int s = 0; s < SENDERS; s++) {
                sockets.get(s).sendText("{\"type\":\"message\",\"text\":\"t=" + System.nanoTime() + "\"}", true).join();
                sent++;
            }
        }
        long expected = sent * clients;
        long drainEnd = System.nanoTime() + DRAIN_FOR.toNanos();
        while (received(listeners) < expected && System.nanoTime() < drainEnd) {
            TimeUnit.MILLISECONDS.sleep(20);
        }
        long received = received(listeners);
        double fanOutSeconds = (System.nanoTime() - fanOutStart) / 1e9;
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();

        for (WebSocket socket : sockets) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
        // Everyone has asked to leave; the room is empty once a newcomer sees only itself.
        long leaveStart = System.nanoTime();
        long ghosts = -1;
        while (ghosts != 0 && System.nanoTime() < leaveStart + DRAIN_FOR.toNanos()) {
            ghosts = onlineSeenByProbe(uri, "probe-" + round) - 1;
        }
        double emptySeconds = (System.nanoTime() - leaveStart) / 1e9;
        long probeStart = System.nanoTime();
        onlineSeenByProbe(uri, "newcomer-" + round);
        double probeMillis = (System.nanoTime() - probeStart) / 1e6;
        System.out.printf("round %d: %d joined in %.2f s; fan-out %d messages → %d of %d deliveries (%.0f/s), lost %d, "
                        + "p50 %.1f ms, p99 %.1f ms; all left in %.2f s, ghosts %d; then a new client joined in %.0f ms%n",
                round, clients, joinSeconds, sent, received, expected, received / fanOutSeconds, expected - received,
                percentile(sorted, 50) / 1e6, percentile(sorted, 99) / 1e6, emptySeconds, ghosts, probeMillis);
        return full;
    }

    private static long received(List<Listener> listeners) {
        return listeners.stream().mapToLong(listener -> listener.messages.get()).sum();
    }

    /** Joins, reads the size of the welcome's online list, leaves. */
    private static int onlineSeenByProbe(URI uri, String name) throws Exception {
        CompletableFuture<String> welcome = new CompletableFuture<>();
        WebSocket socket = HTTP.newWebSocketBuilder().buildAsync(uri, new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                welcome.complete(data.toString());
                return null;
            }
        }).get(30, TimeUnit.SECONDS);
        socket.sendText("{\"type\":\"join\",\"name\":\"" + name + "\"}", true);
        String json = welcome.get(30, TimeUnit.SECONDS);
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(30, TimeUnit.SECONDS);
        String online = json.substring(json.indexOf("\"online\":[") + 10, json.indexOf(']'));
        return online.isEmpty() ? 0 : online.split(",").length;
    }

    private static double percentile(long[] sorted, int percent) {
        return sorted.length == 0 ? Double.NaN : sorted[Math.min(sorted.length - 1, sorted.length * percent / 100)];
    }

    /** The app's heap in use after a full GC, and its resident memory, in bytes (Linux: /proc; jcmd from the JDK). */
    private static long[] memory(long pid) throws IOException, InterruptedException {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        run(jcmd, String.valueOf(pid), "GC.run");
        String heap = run(jcmd, String.valueOf(pid), "GC.heap_info");
        Matcher usedHeap = Pattern.compile("used (\\d+)K").matcher(heap);
        long used = usedHeap.find() ? Long.parseLong(usedHeap.group(1)) * 1024 : -1;
        long rss = Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status")).stream()
                .filter(line -> line.startsWith("VmRSS:")).findFirst()
                .map(line -> Long.parseLong(line.replaceAll("\\D", "")) * 1024).orElse(-1L);
        return new long[] {used, rss};
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes());
        process.waitFor(30, TimeUnit.SECONDS);
        return out;
    }

    private static void awaitUp(URI uri) throws InterruptedException {
        for (int attempt = 0; attempt < 300; attempt++) {
            try {
                onlineSeenByProbe(uri, "warm-up");
                return;
            } catch (Exception notYet) {
                TimeUnit.MILLISECONDS.sleep(100);
            }
        }
        throw new IllegalStateException("the chat app did not come up at " + uri);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
