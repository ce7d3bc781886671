package workshop.bench;

import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Part 2: what a connection costs. Against each server, in its own process: idle connections opened in
 * steps, and after each step the heap after a full GC and the resident memory, per connection; at the
 * first step, a fixed load of broadcasts, its deliveries per second and their latency.
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

    /** The steps of idle connections, and the fixed load at the first step. */
    record Plan(List<Integer> steps, int senders, Duration sending) {
    }

    /** One server at one step; the load figures only at the first. */
    record Row(String server, int connections, double heapPerConnection, double rssPerConnection,
            double deliveriesPerSecond, double p99Millis, double cpuMicrosPerDelivery, int expected, int delivered, String note) {

        static Row missing(String server, String note) {
            return new Row(server, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, 0, note);
        }
    }

    private static final Duration OPEN_WAIT = Duration.ofSeconds(60);
    /** The server is done sending (join notices, welcomes) when no client has heard anything for this long. */
    private static final Duration QUIET = Duration.ofMillis(500);
    private static final Duration SETTLE_WAIT = Duration.ofSeconds(60);
    private static final Duration DRAIN = Duration.ofSeconds(10);

    private final Plan plan;
    private final Progress progress;
    private final File logs;

    CapacityBench(Plan plan, Progress progress, File logs) {
        this.plan = plan;
        this.progress = progress;
        this.logs = logs;
    }

    List<Row> run(Target target) throws InterruptedException {
        List<Row> rows = new ArrayList<>();
        Child server;
        try {
            server = target.start(logs);
        } catch (NotInstalled e) {
            rows.add(Row.missing(target.name(), e.getMessage()));
            return rows;
        }
        long heapBefore = server.heapAfterGc();
        long rssBefore = Rss.of(server.pid());
        try (WsCrowd crowd = new WsCrowd(server.port, target.path())) {
            for (int step : plan.steps()) {
                long allowed = Rss.connectionsAllowed();
                if (step > allowed) {
                    rows.add(Row.missing(target.name(), String.format("%,d connections: the limit of open files (%,d) does not allow it",
                            step, Rss.fileDescriptorLimit())));
                    break;
                }
                progress.step(target.name() + ", opening " + String.format("%,d", step) + " connections");
                crowd.openUpTo(step);
                awaitOpen(crowd, step);
                settle(crowd);
                String note = crowd.open() < step ? String.format("only %,d opened", crowd.open()) : "";
                if (crowd.open() == 0) {
                    rows.add(Row.missing(target.name(), "no connection opened; see " + logs));
                    break;
                }
                long heap = server.heapAfterGc();
                long rss = Rss.of(server.pid());
                double heapPer = (double) (heap - heapBefore) / crowd.open();
                double rssPer = rss < 0 ? Double.NaN : (double) (rss - rssBefore) / crowd.open();
                if (rows.isEmpty()) {
                    progress.step(target.name() + ", broadcasting to " + String.format("%,d", crowd.open()) + " clients");
                    rows.add(load(server, target, crowd, heapPer, rssPer, note));
                } else {
                    rows.add(new Row(target.name(), crowd.open(), heapPer, rssPer, Double.NaN, Double.NaN, Double.NaN, 0, 0, note));
                }
            }
        } finally {
            // Killed, not stopped: a goodbye to each of 10,000 clients would be the longest part of the run.
            server.kill();
        }
        return rows;
    }

    private Row load(Child server, Target target, WsCrowd crowd, double heapPer, double rssPer, String note)
            throws InterruptedException {
        int clients = crowd.open();
        if (target.join(0) != null) {
            for (int i = 0; i < clients; i++) {
                crowd.send(i, target.join(i));
            }
            settle(crowd);
        }
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
        return new Row(target.name(), clients, heapPer, rssPer, delivered / elapsed, latencies.percentileMillis(0.99),
                cpu / 1e3 / Math.max(1, delivered), expected, delivered, note);
    }

    private static void awaitOpen(WsCrowd crowd, int step) throws InterruptedException {
        long deadline = System.nanoTime() + OPEN_WAIT.toNanos();
        while (crowd.open() + crowd.failed() < step && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    private static void settle(WsCrowd crowd) throws InterruptedException {
        long deadline = System.nanoTime() + SETTLE_WAIT.toNanos();
        while (crowd.quietNanos() < QUIET.toNanos() && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(20);
        }
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
