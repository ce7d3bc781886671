package workshop.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

@DisplayName("Chart: the slide's SVG, one row per transport, bars to scale")
class ChartTest {

    private static TransportBench.Result result(Transport transport, int clients, long downBytes, double p50, double p99) {
        CountingRelay.Counts none = new CountingRelay.Counts(0, 0, 0);
        return new TransportBench.Result(transport, clients, 10, 10 * clients, p50, p99,
                new CountingRelay.Counts(0, downBytes * 10 * clients, clients), none, none, 1, 1);
    }

    @Test
    @DisplayName("the latency axis is logarithmic: 10 ms is half way from 0.1 ms to 1,000 ms, and nothing is shorter than a sliver")
    void logarithmic() {
        assertEquals(300, Chart.latencyBar(1_000, 1_000));
        assertEquals(150, Chart.latencyBar(10, 1_000));
        assertEquals(2, Chart.latencyBar(0.01, 1_000));
        assertEquals(0, Chart.latencyBar(Double.NaN, 1_000), "no figure, no bar");
    }

    @Test
    @DisplayName("is well-formed SVG with the four transports of the chosen number of pages, byte bars in proportion")
    void svg() throws Exception {
        List<TransportBench.Result> results = new ArrayList<>();
        results.add(result(Transport.SHORT_POLLING, 1, 9_999, 500, 1_000));
        results.add(result(Transport.SHORT_POLLING, 100, 400, 500, 1_000));
        results.add(result(Transport.LONG_POLLING, 100, 600, 5, 20));
        results.add(result(Transport.SSE, 100, 100, 2, 10));
        results.add(result(Transport.WEBSOCKET, 100, 75, 1, 5));
        String svg = Chart.svg(results, 100, new TransportBench.Plan(List.of(1, 100), 2, Duration.ofSeconds(4)), "a <test> machine");

        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertEquals("svg", doc.getDocumentElement().getTagName());
        assertTrue(svg.contains("a &lt;test&gt; machine"), "text is escaped");
        for (Transport transport : Transport.values()) {
            assertTrue(svg.contains(">" + transport.label + "<"), "a row for " + transport.label);
        }
        assertTrue(svg.contains(">400 B<") && !svg.contains("9,999"), "only the rows of 100 pages are shown");

        NodeList rects = doc.getElementsByTagName("rect");
        assertEquals(4 * 3, rects.getLength(), "per transport: a byte bar, a p99 bar, a p50 bar");
        int longPolling = Integer.parseInt(rects.item(3).getAttributes().getNamedItem("width").getNodeValue());
        int webSocket = Integer.parseInt(rects.item(9).getAttributes().getNamedItem("width").getNodeValue());
        assertEquals(300, longPolling, "the largest byte figure spans the whole bar");
        assertEquals(38, webSocket, "75 B of 600 B is an eighth of the bar");
    }
}
