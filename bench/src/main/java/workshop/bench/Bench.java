package workshop.bench;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The whole benchmark in one run: part 1 compares the four transports, part 2 measures what a
 * connection costs on step 3's server, step 4's and Node's ws. It prints the tables and writes the
 * chart of part 1. Run it from the repository's root:
 * <pre>
 *   ./mvnw -Psolution -Pbench -pl bench -am process-classes                         (about 3 minutes)
 *   ./mvnw -Psolution -Pbench -pl bench -am process-classes "-Dbench.args=--quick"  (about a minute)
 * </pre>
 * The full run writes the chart the slides show (slides/img/why-websockets-measured.svg); the quick
 * one writes it under target/bench/ only. {@code --transports} or {@code --capacity} runs one part;
 * {@code --step-seconds=N} gives each capacity step N seconds (at most 300) instead of 25, for a busy machine.
 * {@code --room} runs only the room of browsers ({@link RoomBench}, about 5 minutes); {@code --clients=N}
 * changes its 1,000 clients; {@code --only=step4} or {@code --only=node} runs one server's rows.
 * {@code --capacity --browser-like} runs only part 2's rows of browser-like clients.
 */
public final class Bench {

    static final String CHART = "why-websockets-measured.svg";

    private Bench() {
    }

    /** The room of browsers alone: Node ws and step 4, clients offering deflate and not, storm and settled. */
    private static void room(String[] args) throws Exception {
        int clients = List.of(args).stream().filter(arg -> arg.startsWith("--clients="))
                .map(arg -> Integer.parseInt(arg.substring("--clients=".length()))).findFirst().orElse(1_000);
        RoomBench.Plan plan = new RoomBench.Plan(clients, 30, 30, Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(30), 2);
        Progress progress = new Progress("5 minutes");
        progress.part("room");
        System.out.println("Benchmark (--room) on " + Machine.describe());
        CapacityBench.Target node = new CapacityBench.NodeWs(new File("node/server.js"));
        CapacityBench.Target step4 = new Step4Chat();
        List<RoomBench.Case> cases = new ArrayList<>();
        for (boolean offer : new boolean[] {true, false}) {
            for (RoomBench.Phase phase : RoomBench.Phase.values()) {
                // Node and step 4 one after the other, so that each pair meets the same load on the machine.
                cases.add(new RoomBench.Case(offer, node, phase));
                cases.add(new RoomBench.Case(offer, step4, phase));
            }
        }
        // permessage-deflate decided: the same settled room with the chat's switch on, then off.
        cases.add(new RoomBench.Case(true, new Step4Chat(true), RoomBench.Phase.SETTLED));
        cases.add(new RoomBench.Case(true, new Step4Chat(false), RoomBench.Phase.SETTLED));
        // --only=step4 or --only=node: one server's rows, to look into one without waiting for the other.
        String only = List.of(args).stream().filter(arg -> arg.startsWith("--only=")).map(arg -> arg.substring("--only=".length()))
                .findFirst().orElse("");
        cases.removeIf(c -> !only.isEmpty() && !c.target().name().replace(" ", "").toLowerCase(java.util.Locale.ROOT).startsWith(only));
        List<RoomBench.Row> rows = new RoomBench(plan, progress, new File("target/bench")).run(cases);
        progress.step("done");
        System.out.println();
        System.out.print(RoomBench.report(plan, rows));
    }

    public static void main(String[] args) throws Exception {
        boolean quick = List.of(args).contains("--quick");
        boolean transportsOnly = List.of(args).contains("--transports");
        boolean capacityOnly = List.of(args).contains("--capacity");
        if (List.of(args).contains("--room")) {
            room(args);
            return;
        }
        TransportBench.Plan transports = quick
                ? new TransportBench.Plan(List.of(1, 100), 2, Duration.ofSeconds(3))
                : new TransportBench.Plan(List.of(1, 100, 1_000), 2, Duration.ofSeconds(4));
        Duration stepWait = List.of(args).stream().filter(arg -> arg.startsWith("--step-seconds="))
                .map(arg -> Duration.ofSeconds(Math.min(300, Long.parseLong(arg.substring("--step-seconds=".length())))))
                .findFirst().orElse(CapacityBench.STEP_WAIT);
        CapacityBench.Plan capacity = quick
                ? new CapacityBench.Plan(200, 50, Duration.ofSeconds(2), List.of(1_000), stepWait)
                : new CapacityBench.Plan(200, 50, Duration.ofSeconds(4), List.of(1_000, 5_000, 10_000), stepWait);
        File logs = new File("target/bench");
        Progress progress = new Progress(quick ? "1 minute" : "5 minutes");
        String machine = Machine.describe();
        System.out.println("Benchmark" + (quick ? " (--quick)" : "") + " on " + machine);

        List<TransportBench.Result> results = new ArrayList<>();
        if (!capacityOnly) {
            progress.part("part 1 of 2, transports");
            results = new TransportBench(transports, progress).run();
        }
        List<CapacityBench.Row> rows = new ArrayList<>();
        if (!transportsOnly) {
            progress.part("part 2 of 2, capacity");
            CapacityBench bench = new CapacityBench(capacity, progress, logs);
            // --browser-like: only the rows of browser-like clients, which take longest to open.
            boolean browsersOnly = List.of(args).contains("--browser-like");
            if (!browsersOnly) {
                rows.addAll(bench.run(new CapacityBench.Step3()));
                rows.addAll(bench.run(new Step4Chat()));
                rows.addAll(bench.run(new CapacityBench.NodeWs(new File("node/server.js"))));
            }
            if (!quick) {
                // Browsers offer permessage-deflate and join at once: the same servers, with such clients.
                CapacityBench.Plan browsers = new CapacityBench.Plan(capacity.loadClients(), capacity.senders(), capacity.sending(),
                        List.of(1_000, 10_000), stepWait);
                CapacityBench browserBench = new CapacityBench(browsers, progress, logs, true);
                rows.addAll(browserBench.run(new Step4Chat()));
                rows.addAll(browserBench.run(new CapacityBench.NodeWs(new File("node/server.js"))));
            }
        }
        progress.step("done");

        if (!results.isEmpty()) {
            System.out.println();
            System.out.print(Report.transports(transports, results));
        }
        if (!rows.isEmpty()) {
            System.out.println();
            System.out.print(Report.capacity(capacity, rows));
        }
        if (results.isEmpty()) {
            return;
        }
        File chart = quick ? new File(logs, CHART) : new File("../slides/img", CHART);
        chart.getParentFile().mkdirs();
        int chartClients = transports.clients().contains(100) ? 100 : transports.clients().get(0);
        Files.writeString(chart.toPath(), Chart.svg(results, chartClients, transports, machine), StandardCharsets.UTF_8);
        System.out.println();
        System.out.println("Chart: " + chart.getCanonicalPath() + "  (" + progress.seconds() + " s in all)");
    }
}
