package workshop.bench;

import java.util.List;
import java.util.Locale;

/** The tables the bench prints. */
final class Report {

    private static final int CPU_MIN_DELIVERIES = 500;

    private Report() {
    }

    static String transports(TransportBench.Plan plan, List<TransportBench.Result> results) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Part 1: %d events (%d a second) to N pages on loopback. Bytes are counted at the socket,%n"
                + "HTTP and WebSocket headers included; each page sends the headers a browser sends, cookies left out.%n",
                plan.events(), plan.eventsPerSecond()));
        out.append(String.format(Locale.ROOT, "%-20s %6s %13s | %-15s | %-15s | %-13s | %9s %11s | %s%n",
                "", "", "", "per delivery, B", "per send, B", "latency, ms", "server", "server CPU", "subscribe"));
        out.append(String.format(Locale.ROOT, "%-20s %6s %13s | %7s %7s | %7s %7s | %6s %6s | %9s %11s | %s%n",
                "transport", "pages", "delivered", "down", "up", "up", "down", "p50", "p99", "req/s", "us/delivery", "B/page"));
        for (TransportBench.Result r : results) {
            out.append(String.format(Locale.ROOT, "%-20s %,6d %13s | %,7.0f %,7.0f | %,7.0f %,7.0f | %6.1f %6.1f | %,9.0f %11s | %,.0f%n",
                    r.transport().label, r.clients(), String.format(Locale.ROOT, "%,d/%,d", r.delivered(), r.expected()),
                    r.downPerDelivery(), r.upPerDelivery(), r.sentUpPerEvent(), r.sentDownPerEvent(),
                    r.p50Millis(), r.p99Millis(), r.requestsPerSecond(),
                    // Over a handful of deliveries, the server's own background work (JIT, GC) is all there is to see.
                    r.delivered() < CPU_MIN_DELIVERIES ? "-" : String.format(Locale.ROOT, "%,.1f", r.cpuMicrosPerDelivery()),
                    r.subscribeBytesPerClient()));
        }
        out.append(String.format(Locale.ROOT, "Latency: from the event's making (before its send) to the page's receipt. Server req/s: the%n"
                + "HTTP requests and WebSocket messages it took per second. A short-polling page asks every %d s.%n"
                + "Server CPU: only over %d deliveries or more; below, its background work (JIT, GC) is most of it.%n",
                Transport.POLL_INTERVAL.toSeconds(), CPU_MIN_DELIVERIES));
        return out.toString();
    }

    static String capacity(CapacityBench.Plan plan, List<CapacityBench.Row> rows) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Part 2a: a fixed load. %,d clients; %d of them send a message a second each for %d s,%n"
                + "and every message goes to every client (step 4's clients join first).%n",
                plan.loadClients(), plan.senders(), plan.sending().toSeconds()));
        out.append(String.format(Locale.ROOT, "%-40s %12s %9s %9s %16s%n", "server", "deliveries/s", "p50 ms", "p99 ms", "CPU us/delivery"));
        List<String> servers = rows.stream().map(CapacityBench.Row::server).distinct().toList();
        for (String server : servers) {
            CapacityBench.Row first = rows.stream().filter(r -> r.server().equals(server)).findFirst().orElseThrow();
            CapacityBench.Load load = first.load();
            if (load == null) {
                out.append(String.format(Locale.ROOT, "%-40s %s%n", server, first.note().isEmpty() ? "n/a" : first.note()));
                continue;
            }
            out.append(String.format(Locale.ROOT, "%-40s %,12.0f %9.1f %9.1f %16.1f%s%n", server, load.deliveriesPerSecond(),
                    load.p50Millis(), load.p99Millis(), load.cpuMicrosPerDelivery(),
                    load.delivered() == 0 ? "  (nothing delivered: built without -Psolution? A starter does not broadcast yet)"
                            : load.delivered() < load.expected()
                            ? String.format(Locale.ROOT, "  (%,d of %,d delivered)", load.delivered(), load.expected()) : ""));
        }
        out.append(String.format(Locale.ROOT, "%nPart 2b: idle connections opened in steps. Per connection: the heap after a full GC, and the%n"
                + "resident memory (RSS) the server process grew by; (x N) is that divided by Node ws's at the same step.%n"));
        out.append(String.format(Locale.ROOT, "%-40s %11s   %-22s %-22s%n", "server", "connections", "heap per connection", "RSS per connection"));
        String last = "";
        for (CapacityBench.Row r : rows) {
            String name = r.server().equals(last) ? "" : r.server();
            last = r.server();
            if (r.connections() == 0) {
                out.append(String.format(Locale.ROOT, "%-40s %s%n", name, r.note()));
                continue;
            }
            boolean isNode = r.server().startsWith("Node");
            CapacityBench.Row node = rows.stream()
                    .filter(n -> n.server().startsWith("Node") && n.connections() == r.connections()
                            && n.server().endsWith(CapacityBench.BROWSER_LIKE) == r.server().endsWith(CapacityBench.BROWSER_LIKE))
                    .findFirst().orElse(null);
            out.append(String.format(Locale.ROOT, "%-40s %,11d   %-22s %-22s%s%n", name, r.connections(),
                    perConnection(r.heapPerConnection(), node == null ? Double.NaN : node.heapPerConnection(), isNode),
                    perConnection(r.rssPerConnection(), node == null ? Double.NaN : node.rssPerConnection(), isNode),
                    r.note().isEmpty() ? "" : "  " + r.note()));
        }
        return out.toString();
    }

    private static String perConnection(double bytes, double nodeBytes, boolean isNode) {
        if (Double.isNaN(bytes)) {
            return "n/a";
        }
        String value = String.format(Locale.ROOT, "%.1f KiB", bytes / 1024);
        if (isNode) {
            return value;
        }
        if (Double.isNaN(nodeBytes) || nodeBytes <= 0) {
            return value;
        }
        return value + String.format(Locale.ROOT, " (x %.1f)", bytes / nodeBytes);
    }
}
