package workshop.bench;

import java.util.List;
import java.util.Locale;

/**
 * The chart of part 1 for the slides: for one number of pages, the bytes each delivered event cost on
 * the wire and how long it took, per transport. Plain SVG, in the style of the deck's other pictures.
 */
final class Chart {

    private static final int WIDTH = 1100;
    private static final int HEIGHT = 450;
    private static final int LABEL_WIDTH = 180;
    private static final int BAR_WIDTH = 200;
    private static final int FIRST_ROW = 138;
    private static final int ROW_GAP = 62;
    /** The latency axis is logarithmic, from this many milliseconds: loopback WebSocket is well under one. */
    private static final double LATENCY_FLOOR_MILLIS = 0.1;

    private Chart() {
    }

    static String svg(List<TransportBench.Result> results, int clients, TransportBench.Plan plan, String machine) {
        List<TransportBench.Result> shown = results.stream().filter(r -> r.clients() == clients).toList();
        double maxBytes = shown.stream().mapToDouble(r -> r.downPerDelivery() + r.upPerDelivery()).max().orElse(1);
        double maxMillis = shown.stream().mapToDouble(TransportBench.Result::p99Millis).filter(m -> !Double.isNaN(m)).max().orElse(1);
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" "
                + "font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\" font-size=\"16\" fill=\"#1d2731\">%n", WIDTH, HEIGHT, WIDTH, HEIGHT));
        svg.append(String.format(Locale.ROOT, "  <title>Measured: bytes on the wire and latency per delivered event, %d pages, by transport</title>%n", clients));
        svg.append("  <style>\n"
                + "    .title { font-size: 21px; font-weight: bold; text-anchor: middle; }\n"
                + "    .panel { font-size: 18px; font-weight: bold; }\n"
                + "    .label { text-anchor: end; }\n"
                + "    .value { font-size: 15px; }\n"
                + "    .note { font-size: 13px; fill: #5b6770; text-anchor: middle; }\n"
                + "    .http { fill: #9aa5ae; }\n"
                + "    .ws { fill: #0b6e8a; }\n"
                + "  </style>\n");
        svg.append(String.format(Locale.ROOT, "  <text class=\"title\" x=\"%d\" y=\"36\">The same events to %,d pages, measured on loopback</text>%n", WIDTH / 2, clients));
        int left = 10;
        int right = WIDTH / 2;
        svg.append(String.format(Locale.ROOT, "  <text class=\"panel\" x=\"%d\" y=\"90\">Bytes on the wire per delivered event</text>%n", left + 40));
        svg.append(String.format(Locale.ROOT, "  <text class=\"panel\" x=\"%d\" y=\"90\">Latency, p50 (dark) and p99 (light)</text>%n", right + 40));
        for (int i = 0; i < shown.size(); i++) {
            TransportBench.Result r = shown.get(i);
            int y = FIRST_ROW + i * ROW_GAP;
            String kind = r.transport() == Transport.WEBSOCKET ? "ws" : "http";
            double bytes = r.downPerDelivery() + r.upPerDelivery();
            int bytesBar = (int) Math.max(2, Math.round(BAR_WIDTH * bytes / maxBytes));
            bar(svg, left, y, r.transport().label, kind, bytesBar, 1.0,
                    String.format(Locale.ROOT, "%,.0f B", bytes));
            int p99Bar = latencyBar(r.p99Millis(), maxMillis);
            int p50Bar = latencyBar(r.p50Millis(), maxMillis);
            svg.append(String.format(Locale.ROOT, "  <rect class=\"%s\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"30\" opacity=\"0.35\"/>%n",
                    kind, right + LABEL_WIDTH + 10, y - 21, p99Bar));
            bar(svg, right, y, r.transport().label, kind, p50Bar, 1.0,
                    String.format(Locale.ROOT, "%s / %s ms", millis(r.p50Millis()), millis(r.p99Millis())), p99Bar);
        }
        int footer = FIRST_ROW + shown.size() * ROW_GAP + 4;
        svg.append(String.format(Locale.ROOT, "  <text class=\"note\" x=\"%d\" y=\"%d\">%d events, %d a second; bytes counted at the socket, headers included; "
                + "short polling asks every %d s; latency axis logarithmic</text>%n",
                WIDTH / 2, footer, plan.events(), plan.eventsPerSecond(), Transport.POLL_INTERVAL.toSeconds()));
        svg.append(String.format(Locale.ROOT, "  <text class=\"note\" x=\"%d\" y=\"%d\">%s. Your laptop: ./mvnw -Psolution,bench -pl bench -am process-classes</text>%n",
                WIDTH / 2, footer + 20, escape(machine)));
        return svg.append("</svg>\n").toString();
    }

    private static void bar(StringBuilder svg, int x, int y, String label, String kind, int width, double opacity, String value) {
        bar(svg, x, y, label, kind, width, opacity, value, width);
    }

    private static void bar(StringBuilder svg, int x, int y, String label, String kind, int width, double opacity, String value,
            int valueAfter) {
        svg.append(String.format(Locale.ROOT, "  <text class=\"label\" x=\"%d\" y=\"%d\">%s</text>%n", x + LABEL_WIDTH, y, escape(label)));
        svg.append(String.format(Locale.ROOT, "  <rect class=\"%s\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"30\" opacity=\"%.2f\"/>%n",
                kind, x + LABEL_WIDTH + 10, y - 21, width, opacity));
        svg.append(String.format(Locale.ROOT, "  <text class=\"value\" x=\"%d\" y=\"%d\">%s</text>%n",
                x + LABEL_WIDTH + 18 + valueAfter, y, escape(value)));
    }

    /** Bar length on a log scale from {@link #LATENCY_FLOOR_MILLIS} to the largest latency shown. */
    static int latencyBar(double millis, double maxMillis) {
        if (Double.isNaN(millis)) {
            return 0;
        }
        double span = Math.log10(Math.max(maxMillis, LATENCY_FLOOR_MILLIS * 10) / LATENCY_FLOOR_MILLIS);
        double at = Math.log10(Math.max(millis, LATENCY_FLOOR_MILLIS) / LATENCY_FLOOR_MILLIS);
        return (int) Math.max(2, Math.round(BAR_WIDTH * at / span));
    }

    private static String millis(double millis) {
        if (Double.isNaN(millis)) {
            return "n/a";
        }
        return millis < 10 ? String.format(Locale.ROOT, "%.1f", millis) : String.format(Locale.ROOT, "%,.0f", millis);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
