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

@DisplayName("Task 1: echo text messages back to the sender")
@Hint("EchoServer.onMessage(WebSocket, String): send the message back on the same connection, conn.send(message)")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class Task1EchoTextTest {

    private static final String WHERE = "EchoServer.onMessage(WebSocket conn, String message) should send it back: conn.send(message)";

    private static final String HANDLED = "EchoServer.onMessage has returned for every message sent, so no more is coming";

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
    @DisplayName("a text message comes back unchanged, accents, CJK and emoji intact")
    void echoesUnicode() throws Exception {
        JdkClient client = JdkClient.connect(TestServers.uri(server));
        String message = "héllo wörld, 你好, 👋🌍";

        client.send(message);

        eventually(() -> client.messagesHandled.get() >= 1, HANDLED, () ->
                assertEquals(List.of(message), client.echoes(), WHERE));
    }

    @Test
    @Order(2)
    @DisplayName("several messages come back in the order they were sent")
    void echoesInOrder() throws Exception {
        LibraryClient client = LibraryClient.connect(TestServers.uri(server));
        List<String> messages = List.of("one", "two", "three", "four", "five");

        messages.forEach(client::send);

        eventually(() -> client.messagesHandled.get() >= messages.size(), HANDLED, () ->
                assertEquals(messages, client.echoes(), WHERE));
    }

    @Test
    @Order(3)
    @DisplayName("a message sent in three fragments comes back whole")
    void echoesFragmentedMessage() throws Exception {
        JdkClient client = JdkClient.connect(TestServers.uri(server));

        client.sendInFragments("frag", "men", "ted");

        eventually(() -> client.messagesHandled.get() >= 1, HANDLED, () ->
                assertEquals(List.of("fragmented"), client.echoes(),
                        "the library joins fragments (RFC 6455 §5.4) and calls onMessage once; " + WHERE));
    }

    @Test
    @Order(4)
    @DisplayName("three clients talking at once each hear only their own messages")
    void clientsAreIndependent() throws Exception {
        JdkClient alice = JdkClient.connect(TestServers.uri(server));
        LibraryClient bob = LibraryClient.connect(TestServers.uri(server));
        JdkClient carol = JdkClient.connect(TestServers.uri(server));

        for (int i = 1; i <= 3; i++) {
            alice.send("alice " + i);
            bob.send("bob " + i);
            carol.send("carol " + i);
        }

        String reply = "; an echo goes back to the sender only: " + WHERE;
        eventually(() -> alice.messagesHandled.get() >= 3 && bob.messagesHandled.get() >= 3 && carol.messagesHandled.get() >= 3,
                HANDLED, () -> {
            assertEquals(List.of("alice 1", "alice 2", "alice 3"), alice.echoes(), "alice's echoes" + reply);
            assertEquals(List.of("bob 1", "bob 2", "bob 3"), bob.echoes(), "bob's echoes" + reply);
            assertEquals(List.of("carol 1", "carol 2", "carol 3"), carol.echoes(), "carol's echoes" + reply);
        });
    }
}
