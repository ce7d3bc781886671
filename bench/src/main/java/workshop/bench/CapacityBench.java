package workshop.bench;

import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Part 2: what a connection costs. Against each server, in its own process: first a fixed load of
 * broadcasts (deliveries per second, their latency, the server's CPU time), then idle connections
 * opened in steps, and after each step the heap after a full GC and the resident memory, per connection.
 */
final class CapacityBench {

    /** A server to measure and how its clients speak. */
    interface Target {
        String name();

        /** Starts the server; throws {@link NotInstalled} when its runtime is missing. */
        Child start(File logs);

        String path();

        /** The frame a client sends to take part, or null when connecting is enough. */
        default String join(int index) {
            return null;
        }

        /** The text a client receives once it has joined, or null when connecting is joining. */
        default String joinedMark() {
            return null;
        }

        /** The frame that broadcasts {@code text} to everyone. */
        default String message(String text) {
            return text;
        }
    }

    static final class NotInstalled extends RuntimeException {
        NotInstalled(String message) {
            super(message);
        }
    }

    /**
     * The fixed load first: {@code loadClients} clients, {@code senders} of them sending a message a
     * second each for {@code sending}. Then idle connections, opened up to each of {@code steps}.
     */
    record Plan(int loadClients, int senders, Duration sending, List<Integer> steps, Duration stepWait) {
    }

    /** How the fixed load went: every message goes to every client, the sender included. */
    record Load(int clients, int expected, int delivered, double deliveriesPerSecond, double p50Millis, double p99Millis,
            double cpuMicrosPerDelivery) {
    }

    /** One server at one step of connections; the first row of a server also carries its load. */
    record Row(String server, int connections, double heapPerConnection, double rssPerConnection, Load load, String note) {

        static Row missing(String server, String note) {
            return new Row(server, 0, Double.NaN, Double.NaN, null, note);
        }
    }

    /**
     * How long one step may take to open and settle, unless {@code --step-seconds=N} says otherwise.
     * Step 3 tells every client of every join, so opening N connections sends N²/2 notices: 12.5
     * million at 5,000. A step that does not finish in time is reported as far as it got, and the
     * larger steps are skipped.
     */
    static final Duration STEP_WAIT = Duration.ofSeconds(25);
    /** The server is done sending (join notices, welcomes) when no client has had a message for this long. */
    private static final Duration QUIET = Duration.ofMillis(500);
    private static final Duration DRAIN = Duration.ofSeconds(10);

    /** What the rows of browser-like clients add to the server's name. */
    static final String BROWSER_LIKE = ", browser-like";

    private final Plan plan;
    private final Progress progress;
    private final File logs;
    private final boolean browserLike;

    CapacityBench(Plan plan, Progress progress, File logs) {
        this(plan, progress, logs, false);
    }

    /**
     * {@code browserLike}: every client offers permessage-deflate as browsers do, joins the moment it is
     * upgraded, and each step ends with one message to everyone, so that every connection has compressed
     * something (a compressor is made at the first message, not at the upgrade) before the memory is read.
     */
    CapacityBench(Plan plan, Progress progress, File logs, boolean browserLike) {
        this.plan = plan;
        this.progress = progress;
        this.logs = logs;
        this.browserLike = browserLike;
    }

    List<Row> run(Target target) throws InterruptedException {
        List<Row> rows = new ArrayList<>();
        String name = target.name() + (browserLike ? BROWSER_LIKE : "");
        Child server;
        try {
            server = target.start(logs);
        } catch (NotInstalled e) {
            rows.add(Row.missing(name, e.getMessage()));
            return rows;
        }
        // Clients join the moment they are upgraded: the chat closes a connection that has not joined
        // within its join deadline, so idle connections that never join would not stay to be counted.
        boolean joins = target.join(0) != null;
        WsCrowd.Options options = new WsCrowd.Options(browserLike, joins ? target::join : null, joins ? target.joinedMark() : null);
        try (WsCrowd crowd = new WsCrowd(server.port, target.path(), options)) {
            long heapBefore = server.heapAfterGc();
            long rssBefore = Rss.of(server.pid());
            open(target, crowd, plan.loadClients());
            Load load = load(server, target, crowd);
            for (int step : plan.steps()) {
                long allowed = Rss.connectionsAllowed() + crowd.open();
                if (step > allowed) {
                    rows.add(new Row(name, 0, Double.NaN, Double.NaN, rows.isEmpty() ? load : null, String.format(Locale.ROOT,
                            "%,d connections: the limit of open files (%,d) does not allow it; see bench/README.md",
                            step, Rss.fileDescriptorLimit())));
                    break;
                }
                boolean complete = open(target, crowd, step);
                if (complete && browserLike) {
                    crowd.send(0, target.message("one message to everyone"));
                    complete = settle(crowd, System.nanoTime() + plan.stepWait().toNanos());
                }
                if (crowd.open() == 0) {
                    rows.add(Row.missing(name, "no connection opened: " + crowd.firstFailure()));
                    break;
                }
                long heap = server.heapAfterGc();
                long rss = Rss.of(server.pid());
                rows.add(new Row(name, crowd.open(), (double) (heap - heapBefore) / crowd.open(),
                        rss < 0 ? Double.NaN : (double) (rss - rssBefore) / crowd.open(), rows.isEmpty() ? load : null,
                        complete ? "" : crowd.open() < step
                                ? String.format(Locale.ROOT, "of %,d: the rest did not open in %d s (%s)",
                                        step, plan.stepWait().toSeconds(), crowd.firstFailure())
                                : String.format(Locale.ROOT, "the server still sending after %d s", plan.stepWait().toSeconds())));
                if (!complete) {
                    break;
                }
            }
        } finally {
            // Killed, not stopped: a goodbye to each of 10,000 clients would be the longest part of the run.
            server.kill();
        }
        return rows;
    }

    /** Opens connections up to {@code count}; true when all opened and the server went quiet in time. */
    private boolean open(Target target, WsCrowd crowd, int count) throws InterruptedException {
        progress.step(String.format(Locale.ROOT, "%s, opening %,d connections", target.name(), count));
        long start = System.nanoTime();
        long deadline = start + plan.stepWait().toNanos();
        crowd.openUpTo(count);
        // A step is open when every client has joined (its welcome came, or its upgrade where there is no join).
        while (crowd.joined() + crowd.failed() < count && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(20);
        }
        double opened = (System.nanoTime() - start) / 1e9;
        boolean quiet = settle(crowd, deadline);
        progress.step(String.format(Locale.ROOT, "%s, %,d open after %.1f s, the server %s after %.1f s", target.name(),
                crowd.open(), opened, quiet ? "quiet" : "still sending", (System.nanoTime() - start) / 1e9));
        return crowd.joined() >= count && quiet;
    }

    private Load load(Child server, Target target, WsCrowd crowd) throws InterruptedException {
        int clients = crowd.open();
        progress.step(String.format(Locale.ROOT, "%s, broadcasting to %,d clients", target.name(), clients));
        int senders = Math.min(plan.senders(), clients);
        int seconds = (int) plan.sending().toSeconds();
        int expected = senders * seconds * clients;
        Latencies latencies = new Latencies(expected);
        crowd.record(latencies);
        long cpuBefore = server.cpuAndHandled()[0];
        long start = System.nanoTime();
        // Each sender sends once a second, the senders spread over the second: a steady load.
        long gap = 1_000_000_000L / senders;
        for (int i = 0; i < senders * seconds; i++) {
            TimeUnit.NANOSECONDS.sleep(Math.max(0, start + i * gap - System.nanoTime()));
            crowd.send(i % senders, target.message(Stamps.now()));
        }
        long drainUntil = System.nanoTime() + DRAIN.toNanos();
        while (latencies.count() < expected && System.nanoTime() < drainUntil) {
            TimeUnit.MILLISECONDS.sleep(5);
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long cpu = server.cpuAndHandled()[0] - cpuBefore;
        crowd.record(null);
        int delivered = Math.min(latencies.count(), expected);
        settle(crowd, System.nanoTime() + plan.stepWait().toNanos());
        return new Load(clients, expected, delivered, delivered / elapsed, latencies.percentileMillis(0.50),
                latencies.percentileMillis(0.99), cpu / 1e3 / Math.max(1, delivered));
    }

    /** Waits until the server has sent everything it had to send; false when it still sends at the deadline. */
    private static boolean settle(WsCrowd crowd, long deadline) throws InterruptedException {
        while (crowd.quietNanos() < QUIET.toNanos()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
        return true;
    }

    /** Step 3's server as learners run it. */
    static final class Step3 implements Target {
        @Override
        public String name() {
            return "step 3 BroadcastServer (Java-WebSocket)";
        }

        @Override
        public Child start(File logs) {
            return Child.java("step-03", "workshop.broadcast.BroadcastServer", Map.of(), new File(logs, "step-03.log"));
        }

        @Override
        public String path() {
            return "/";
        }
    }

    /** The reference: a broadcast server of a few lines with Node's ws package (node/server.js). */
    static final class NodeWs implements Target {
        private final File script;

        NodeWs(File script) {
            this.script = script;
        }

        @Override
        public String name() {
            return "Node ws (reference)";
        }

        @Override
        public Child start(File logs) {
            NodeSetup.require(script.getParentFile());
            return Child.node("node-ws", script, new File(logs, "node-ws.log"));
        }

        @Override
        public String path() {
            return "/";
        }
    }
}
