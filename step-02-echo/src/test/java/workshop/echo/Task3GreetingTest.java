package workshop.echo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static workshop.echo.Eventually.eventually;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import workshop.progress.Hint;

@DisplayName("Task 3: greet each client as it connects")
@Hint("EchoServer.onOpen runs once per connection, before any message: conn.send(GREETING) there")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class Task3GreetingTest {

    private static final String WHERE = "EchoServer.onOpen should send GREETING";

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
    @DisplayName("a new client receives the greeting without sending anything")
    void greetsOnOpen() throws Exception {
        JdkClient client = JdkClient.connect(TestServers.uri(server));

        eventually(() -> client.opensHandled.get() >= 1, "EchoServer.onOpen has returned, so no greeting is coming", () ->
                assertEquals(List.of(EchoServer.GREETING), client.texts, WHERE));
    }

    @Test
    @Order(2)
    @DisplayName("each of three clients is greeted once, before the echo of its first message")
    void greetsEachClientFirst() throws Exception {
        List<LibraryClient> clients = List.of(
                LibraryClient.connect(TestServers.uri(server)),
                LibraryClient.connect(TestServers.uri(server)),
                LibraryClient.connect(TestServers.uri(server)));

        clients.forEach(client -> client.send("hello"));

        eventually(() -> clients.stream().allMatch(client -> client.opensHandled.get() >= 1 && client.messagesHandled.get() >= 1),
                "EchoServer.onOpen and onMessage have returned for every client, so no more is coming", () -> {
            for (LibraryClient client : clients) {
                assertEquals(List.of(EchoServer.GREETING, "hello"), client.texts,
                        "what a client received, in order; " + WHERE + " (and onMessage echo, task 1)");
            }
        });
    }
}
