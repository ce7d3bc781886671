package workshop.handshake;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The cap on connections is HandshakeServer's (given code): it holds before any task is done. */
@DisplayName("Given: the server serves at most Limits.MAX_CONNECTIONS at once, and says so to the next")
class GivenConnectionLimitTest {

    private static final int CAP = 3;

    /** The silent clients that fill the server stay counted until this timeout: long enough for a busy laptop. */
    private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(20);

    @RegisterExtension
    final TestServer server = new TestServer(new Limits(Limits.MAX_HEADER_BYTES, Limits.MAX_PAYLOAD_BYTES,
            HANDSHAKE_TIMEOUT, TestServer.FRAME_TIMEOUT, CAP));

    @Test
    @DisplayName("one connection over the limit gets 503 with a reason, and is closed")
    void refusesOneOverTheLimit() throws IOException {
        List<WireClient> silent = fill();
        try (WireClient late = server.connect()) {
            Response response = late.readResponse();

            assertEquals(503, response.status(), "the answer to connection " + (CAP + 1) + " when the limit is " + CAP
                    + "; came: " + response.statusLine() + " (HandshakeServer.refuse)");
            assertTrue(response.body().contains(String.valueOf(CAP)), "the 503 should name the limit; came: " + response.body());
            late.assertClosedByServer();
        } finally {
            closeAll(silent);
        }
    }

    @Test
    @DisplayName("when a connection ends, its place is free for the next client")
    void freesThePlaceOfAClosedConnection() throws IOException {
        List<WireClient> silent = fill();
        try {
            silent.remove(0).close();

            // The server frees the place when it notices the close, a moment later: ask until then.
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                try (WireClient next = server.connect()) {
                    next.send("HELLO\r\n\r\n");
                    assertNotEquals("HTTP/1.1 503 Service Unavailable", next.readFirstLine(),
                            "a client after one of " + CAP + " left should be served (any answer but 503)");
                }
            });
        } finally {
            closeAll(silent);
        }
    }

    /** As many clients as the limit, connected and saying nothing: each holds its place. */
    private List<WireClient> fill() throws IOException {
        List<WireClient> clients = new ArrayList<>();
        for (int i = 0; i < CAP; i++) {
            clients.add(server.connect());
        }
        return clients;
    }

    private static void closeAll(List<WireClient> clients) throws IOException {
        for (WireClient client : clients) {
            client.close();
        }
    }
}
