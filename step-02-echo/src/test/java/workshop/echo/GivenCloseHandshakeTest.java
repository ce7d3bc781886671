package workshop.echo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static workshop.echo.Eventually.eventually;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The other end of the lifecycle, which the library does by itself: onClose only logs it. */
@DisplayName("Given: the library answers a client's close frame with the same code and reason")
class GivenCloseHandshakeTest {

    private EchoServer server;

    @BeforeEach
    void startServer() {
        server = TestServers.start();
    }

    @AfterEach
    void stopServer() throws InterruptedException {
        TestServers.stop(server);
    }

    @Test
    @DisplayName("a client that closes with 1000 and a reason hears 1000 and the same reason back")
    void answersTheClientsClose() throws Exception {
        JdkClient client = JdkClient.connect(TestServers.uri(server));

        client.close(1000, "bye");

        eventually(() -> assertTrue(client.closed.isDone(), "no close frame came back after the client's close"));
        assertFalse(client.closed.isCompletedExceptionally(), "the close handshake ended in an error: " + client.closed);
        assertEquals(new Close(1000, "bye"), client.closed.join(),
                "the server's answer to the client's close frame (RFC 6455 §5.5.1: the endpoint echoes the status code)");
    }
}
