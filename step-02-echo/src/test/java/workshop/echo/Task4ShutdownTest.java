package workshop.echo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static workshop.echo.Eventually.eventually;

import java.net.URI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import workshop.progress.Hint;

@DisplayName("Task 4: shut down politely, closing every client with 1001 and a reason")
@Hint("EchoServer.shutdown: WebSocketServer.stop(timeout, reason) closes each connection with 1001 (going away)")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class Task4ShutdownTest {

    private static final Close GOING_AWAY = new Close(1001, EchoServer.SHUTDOWN_REASON);
    private static final String WHERE = "the close frame after EchoServer.shutdown() (RFC 6455 §7.4.1: 1001 = going away)";

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
    @Order(1)
    @DisplayName("after shutdown() every client has received close code 1001 with the reason \"server shutting down\"")
    void closesEveryClientWithGoingAway() throws Exception {
        JdkClient jdk = JdkClient.connect(TestServers.uri(server));
        LibraryClient library = LibraryClient.connect(TestServers.uri(server));
        TestServers.awaitConnections(server, 2);

        server.shutdown();

        eventually(() -> assertTrue(jdk.closed.isDone() && library.closed.isDone(),
                "a client is still open after EchoServer.shutdown(); it should close every connection"));
        assertEquals(GOING_AWAY, jdk.closed.join(), "JDK client: " + WHERE);
        assertEquals(GOING_AWAY, library.closed.join(), "Java-WebSocket client: " + WHERE);
        assertTrue(library.closedByServer, "the server, not the client, should start the close handshake");
    }

    @Test
    @Order(2)
    @DisplayName("after shutdown() the server accepts no new connections")
    void stopsListening() throws Exception {
        URI uri = TestServers.uri(server);

        server.shutdown();

        assertThrows(Exception.class, () -> JdkClient.connect(uri),
                "a client could still connect after EchoServer.shutdown(): it should stop the server too");
    }
}
