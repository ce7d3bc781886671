package workshop.bench;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * A room of browsers ({@code --room}): N clients join at once, then some of them talk, against Node's
 * ws and step 4 in the same run. Clients that offer permessage-deflate as every browser does, and
 * clients that do not (as the JDK's does not); sending right after the last join (the join storm still
 * echoing) and after the room has gone quiet (settled). Each row runs against a fresh server process.
 */
final class RoomBench {

    /**
     * {@code clients} join; {@code senders} of them send {@code perSecond} messages a second between them
     * for {@code sending}. The clients are spread over {@code crowds} threads of the bench.
     */
    record Plan(int clients, int senders, int perSecond, Duration sending, Duration joinWait, Duration settleWait, int crowds) {
        int messages() {
            return perSecond * (int) sending.toSeconds();
        }
    }

    enum Phase {
        STORM("join storm"), SETTLED("settled");

        final String label;

        Phase(String label) {
            this.label = label;
        }
    }

    /** One row to run: who the clients are, which server, when they start talking. */
    record Case(boolean offerDeflate, CapacityBench.Target target, Phase phase) {
    }

    /**
     * What one row measured. CPU: the server process's, from before the first connection to the end of the
     * drain ({@code cpuAll}, the joins included) and over the sending and drain only ({@code cpuSending}),
     * each per delivery. Memory at the end: RSS, and per connection the heap after a full GC and the RSS
     * the process grew by. {@code wirePerDelivery}: bytes the clients received while the messages went out,
     * frame headers included, per delivery. {@code generatorCpu}: the busiest crowd thread's CPU over the
     * sending, as a share of one core.
     */
    record Row(Case run, String extensions, int joined, double joinSeconds, String settled, int expected, int delivered,
            double perSecond, double p50, double p99, double cpuAll, double cpuSending, double rssMiB, double heapPerConnection,
            double rssPerConnection, double wirePerDelivery, double load, double generatorCpu, String note) {
    }

    private static final Duration QUIET = Duration.ofMillis(500);
    private static final Duration DRAIN = Duration.ofSeconds(10);

    private final Plan plan;
    private final Progress progress;
    private final File logs;

    RoomBench(Plan plan, Progress progress, File logs) {
        this.plan = plan;
        this.progress = progress;
        this.logs = logs;
    }

    List<Row> run(List<Case> cases) throws InterruptedException {
        List<Row> rows = new ArrayList<>();
        for (Case c : cases) {
            rows.add(run(c));
        }
        return rows;
    }

    private Row run(Case c) throws InterruptedException {
        String name = String.format(Locale.ROOT, "%s, %s, %s", c.target().name(),
                c.offerDeflate() ? "offering deflate" : "not offering", c.phase().label);
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        Child server;
        try {
            server = c.target().start(logs);
        } catch (CapacityBench.NotInstalled e) {
            return new Row(c, "", 0, Double.NaN, "", 0, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    Double.NaN, Double.NaN, Double.NaN, Double.NaN, load, Double.NaN, e.getMessage());
        }
        List<WsCrowd> crowds = new ArrayList<>();
        try {
            long heapStart = server.heapAfterGc();
            long rssStart = Rss.of(server.pid());
            long cpuStart = cpu(server);
            progress.step(name + ": joining");
            long start = System.nanoTime();
            for (int k = 0; k < plan.crowds(); k++) {
                int crowd = k;
                WsCrowd.Options options = new WsCrowd.Options(c.offerDeflate(),
                        c.target().join(0) == null ? null : i -> c.target().join(i * plan.crowds() + crowd), c.target().joinedMark());
                WsCrowd each = new WsCrowd(server.port, c.target().path(), options);
                crowds.add(each);
                each.openUpTo(plan.clients() / plan.crowds() + (k < plan.clients() % plan.crowds() ? 1 : 0));
            }
            long joinDeadline = start + plan.joinWait().toNanos();
            while (joined(crowds) < plan.clients() && System.nanoTime() < joinDeadline
                    && joined(crowds) + failed(crowds) < plan.clients()) {
                TimeUnit.MILLISECONDS.sleep(10);
            }
            int joined = joined(crowds);
            long lastJoined = crowds.stream().mapToLong(WsCrowd::lastJoinedNanos).max().orElse(start);
            double joinSeconds = (lastJoined - start) / 1e9;
            String settled = "";
            if (c.phase() == Phase.SETTLED) {
                long settleStart = System.nanoTime();
                boolean quiet = settle(crowds, settleStart + plan.settleWait().toNanos());
                settled = String.format(Locale.ROOT, quiet ? "quiet after %.1f s" : "still sending after %.0f s",
                        (System.nanoTime() - settleStart) / 1e9);
            }
            progress.step(String.format(Locale.ROOT, "%s: %,d joined in %.1f s%s, sending", name, joined, joinSeconds,
                    settled.isEmpty() ? "" : ", " + settled));

            // Of every client, not only those that joined: a browser still waiting for its welcome has lost them too.
            int expected = plan.messages() * plan.clients();
            Latencies latencies = new Latencies(Math.max(1, expected));
            crowds.forEach(crowd -> crowd.record(latencies));
            long cpuSending = cpu(server);
            long wireBefore = crowds.stream().mapToLong(WsCrowd::wireBytes).sum();
            long[] generatorBefore = crowds.stream().mapToLong(WsCrowd::cpuNanos).toArray();
            long sendStart = System.nanoTime();
            long gap = 1_000_000_000L / plan.perSecond();
            int senders = Math.min(plan.senders(), joined);
            for (int i = 0; i < plan.messages() && senders > 0; i++) {
                TimeUnit.NANOSECONDS.sleep(Math.max(0, sendStart + i * gap - System.nanoTime()));
                int sender = i % senders;
                crowds.get(sender % plan.crowds()).send(sender / plan.crowds(), c.target().message(Stamps.now()));
            }
            long drainUntil = System.nanoTime() + DRAIN.toNanos();
            while (latencies.count() < expected && System.nanoTime() < drainUntil) {
                TimeUnit.MILLISECONDS.sleep(5);
            }
            double elapsed = (System.nanoTime() - sendStart) / 1e9;
            long cpuEnd = cpu(server);
            crowds.forEach(crowd -> crowd.record(null));
            double generator = 0;
            for (int k = 0; k < crowds.size(); k++) {
                generator = Math.max(generator, (crowds.get(k).cpuNanos() - generatorBefore[k]) / 1e9 / elapsed);
            }
            long wire = crowds.stream().mapToLong(WsCrowd::wireBytes).sum() - wireBefore;
            long rss = Rss.of(server.pid());
            long heap = server.heapAfterGc();
            int delivered = Math.min(latencies.count(), expected);
            int open = crowds.stream().mapToInt(WsCrowd::open).sum();
            String note = joined < plan.clients()
                    ? String.format(Locale.ROOT, "%,d of %,d joined in %d s (%s)", joined, plan.clients(), plan.joinWait().toSeconds(),
                            crowds.get(0).firstFailure())
                    : "";
            return new Row(c, crowds.get(0).extensions(), joined, joinSeconds, settled, expected, delivered, delivered / elapsed,
                    latencies.percentileMillis(0.50), latencies.percentileMillis(0.99),
                    (cpuEnd - cpuStart) / 1e3 / Math.max(1, delivered), (cpuEnd - cpuSending) / 1e3 / Math.max(1, delivered),
                    rss / 1024.0 / 1024, (double) (heap - heapStart) / Math.max(1, open), (double) (rss - rssStart) / Math.max(1, open),
                    delivered == 0 ? Double.NaN : (double) wire / delivered, load, generator, note);
        } finally {
            crowds.forEach(WsCrowd::close);
            server.kill();
        }
    }

    /** The server's CPU time in nanoseconds: from /proc where there is one, else the server's own answer. */
    private static long cpu(Child server) {
        long fromProc = Rss.cpuNanos(server.pid());
        return fromProc >= 0 ? fromProc : server.cpuAndHandled()[0];
    }

    private static int joined(List<WsCrowd> crowds) {
        return crowds.stream().mapToInt(WsCrowd::joined).sum();
    }

    private static int failed(List<WsCrowd> crowds) {
        return crowds.stream().mapToInt(WsCrowd::failed).sum();
    }

    private static boolean settle(List<WsCrowd> crowds, long deadline) throws InterruptedException {
        while (crowds.stream().mapToLong(WsCrowd::quietNanos).min().orElse(Long.MAX_VALUE) < QUIET.toNanos()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
        return true;
    }

    static String report(Plan plan, List<Row> rows) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "A room of browsers: %,d clients join at once; then %d of them send %d messages a second%n"
                + "between them for %d s, and every message goes to every client: %,d deliveries expected.%n"
                + "Clients on %d threads of the bench. Each row on a fresh server process.%n",
                plan.clients(), plan.senders(), plan.perSecond(), plan.sending().toSeconds(), plan.messages() * plan.clients(), plan.crowds()));
        String head = "%-18s %-26s %-10s %7s %9s %9s %8s %8s %8s %8s %6s %7s %7s %7s %5s %5s%n";
        out.append(String.format(Locale.ROOT, head, "", "", "", "all in", "", "", "latency", "ms", "CPU us/", "delivery",
                "RSS", "heap/", "RSS/", "wire B/", "load", "gen"));
        out.append(String.format(Locale.ROOT, head, "clients", "server", "start", "s", "deliv/s", "lost", "p50", "p99", "all", "sending",
                "MiB", "conn K", "conn K", "deliv", "avg", "CPU%"));
        for (Row r : rows) {
            if (r.joined() == 0 && !r.note().isEmpty()) {
                out.append(String.format(Locale.ROOT, "%-18s %-26s %s%n", clients(r), r.run().target().name(), r.note()));
                continue;
            }
            out.append(String.format(Locale.ROOT, "%-18s %-26s %-10s %7.1f %,9.0f %,9d %8s %8s %8s %8s %6.0f %7.1f %7.1f %7.1f %5.1f %5.0f%s%n",
                    clients(r), r.run().target().name(), r.run().phase().label, r.joinSeconds(), r.perSecond(), r.expected() - r.delivered(),
                    millis(r.p50()), millis(r.p99()), cpu(r, r.cpuAll()), cpu(r, r.cpuSending()), r.rssMiB(), r.heapPerConnection() / 1024,
                    r.rssPerConnection() / 1024, r.wirePerDelivery(), r.load(), r.generatorCpu() * 100,
                    r.note().isEmpty() ? "" : "  " + r.note()));
        }
        out.append(String.format(Locale.ROOT, "%nWhat each server's 101 answered to the clients that offer \"%s\":%n", Deflate.OFFER));
        rows.stream().filter(r -> r.run().offerDeflate()).map(r -> String.format(Locale.ROOT, "  %-26s %s%n", r.run().target().name(),
                r.extensions() == null || r.extensions().isEmpty() ? "(no extension: declined)" : "Sec-WebSocket-Extensions: " + r.extensions()))
                .distinct().forEach(out::append);
        out.append(String.format(Locale.ROOT, "All in: from the first connection to the last client's join (its welcome, or the upgrade%n"
                + "where there is no join). Start: the join storm sends at once; settled waits for %d ms of quiet (at most %d s).%n"
                + "Lost: of the deliveries expected, those not there %d s after the last send. CPU: the server process's user and%n"
                + "system time (/proc/<pid>/stat on Linux), over the whole row (joins included) and over the sending only,%n"
                + "per delivery. Heap/conn: heap after a full GC, grown per connection; RSS/conn: resident memory grown per%n"
                + "connection. Wire: bytes the clients received while the messages went out, per delivery. Load avg: the%n"
                + "machine's 1-minute load average at the row's start. Gen CPU: the busiest bench thread's share of a core.%n",
                QUIET.toMillis(), plan.settleWait().toSeconds(), DRAIN.toSeconds()));
        return out.toString();
    }

    private static String clients(Row r) {
        return r.run().offerDeflate() ? "offering deflate" : "not offering";
    }

    private static String cpu(Row r, double value) {
        return r.delivered() == 0 ? "-" : String.format(Locale.ROOT, "%.1f", value);
    }

    private static String millis(double value) {
        return Double.isNaN(value) ? "-" : value >= 1000 ? String.format(Locale.ROOT, "%,.0f", value) : String.format(Locale.ROOT, "%.1f", value);
    }
}
