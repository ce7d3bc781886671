package workshop.bench;

import java.util.List;
import java.util.Locale;

/**
 * The chart of part 1 for the "Why WebSockets?" slide: for one number of pages, per transport, the
 * bytes each delivered event cost on the wire and how long it took. Plain SVG, 1100 px wide and short
 * enough to stand under the slide's other picture, in the deck's colours.
 */
final class Chart {

    private static final int WIDTH = 1100;
    private static final int HEIGHT = 218;
    private static final int LABEL_END = 190;
    private static final int BYTES_AT = 200;
    private static final int LATENCY_AT = 650;
    private static final int BAR_WIDTH = 300;
    private static final int FIRST_ROW = 58;
    private static final int ROW_GAP = 34;
    /** The latency axis is logarithmic from this many milliseconds: a loopback WebSocket is well under 10. */
    private static final double LATENCY_FLOOR_MILLIS = 0.1;

    private Chart() {
    }

    static String svg(List<TransportBench.Result> results, int clients, TransportBench.Plan plan, String machine) {
        List<TransportBench.Result> shown = results.stream().filter(r -> r.clients() == clients).toList();
        double maxBytes = shown.stream().mapToDouble(Chart::bytes).max().orElse(1);
        double maxMillis = shown.stream().mapToDouble(TransportBench.Result::p99Millis).filter(m -> !Double.isNaN(m)).max().orElse(1);
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" "
                + "font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\" font-size=\"17\" fill=\"#1d2731\">%n", WIDTH, HEIGHT, WIDTH, HEIGHT));
        svg.append(String.format(Locale.ROOT, "  <title>Measured on loopback: bytes on the wire and latency per delivered event, "
                + "%,d pages, by transport</title>%n", clients));
        svg.append("  <style>\n"
                + "    .head { font-weight: bold; }\n"
                + "    .label { text-anchor: end; }\n"
                + "    .value { font-size: 15px; }\n"
                + "    .note { font-size: 13px; fill: #5b6770; }\n"
                + "    .http { fill: #9aa5ae; }\n"
                + "    .ws { fill: #0b6e8a; }\n"
                + "  </style>\n");
        svg.append(String.format(Locale.ROOT, "  <text class=\"head\" x=\"%d\" y=\"24\">Bytes on the wire per delivered event</text>%n", BYTES_AT));
        svg.append(String.format(Locale.ROOT, "  <text class=\"head\" x=\"%d\" y=\"24\">Latency: p50, and p99 (light)</text>%n", LATENCY_AT));
        for (int i = 0; i < shown.size(); i++) {
            TransportBench.Result r = shown.get(i);
            int y = FIRST_ROW + i * ROW_GAP;
            String kind = r.transport() == Transport.WEBSOCKET ? "ws" : "http";
            svg.append(String.format(Locale.ROOT, "  <text class=\"label\" x=\"%d\" y=\"%d\">%s</text>%n", LABEL_END, y, escape(r.transport().label)));
            int bytesBar = (int) Math.max(2, Math.round(BAR_WIDTH * bytes(r) / maxBytes));
            rect(svg, kind, BYTES_AT, y, bytesBar, 1);
            value(svg, BYTES_AT + bytesBar, y, String.format(Locale.ROOT, "%,.0f B", bytes(r)));
            int p99Bar = latencyBar(r.p99Millis(), maxMillis);
            rect(svg, kind, LATENCY_AT, y, p99Bar, 0.35);
            rect(svg, kind, LATENCY_AT, y, latencyBar(r.p50Millis(), maxMillis), 1);
            value(svg, LATENCY_AT + p99Bar, y, millis(r.p50Millis()) + " / " + millis(r.p99Millis()) + " ms");
        }
        svg.append(String.format(Locale.ROOT, "  <text class=\"note\" x=\"%d\" y=\"%d\">%,d pages, %d events (%d a second); bytes counted at the socket, "
                + "headers included; short polling every %d s; latency axis logarithmic.</text>%n",
                BYTES_AT, HEIGHT - 26, clients, plan.events(), plan.eventsPerSecond(), Transport.POLL_INTERVAL.toSeconds()));
        svg.append(String.format(Locale.ROOT, "  <text class=\"note\" x=\"%d\" y=\"%d\">%s. On your laptop: see bench/README.md</text>%n",
                BYTES_AT, HEIGHT - 8, escape(machine)));
        return svg.append("</svg>\n").toString();
    }

    private static double bytes(TransportBench.Result r) {
        return r.downPerDelivery() + r.upPerDelivery();
    }

    private static void rect(StringBuilder svg, String kind, int x, int y, int width, double opacity) {
        svg.append(String.format(Locale.ROOT, "  <rect class=\"%s\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"24\"%s/>%n",
                kind, x, y - 18, width, opacity < 1 ? String.format(Locale.ROOT, " opacity=\"%.2f\"", opacity) : ""));
    }

    private static void value(StringBuilder svg, int x, int y, String text) {
        svg.append(String.format(Locale.ROOT, "  <text class=\"value\" x=\"%d\" y=\"%d\">%s</text>%n", x + 8, y, escape(text)));
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
