package workshop.echo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static workshop.echo.Eventually.eventually;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import workshop.progress.Hint;

@DisplayName("Task 2: echo binary messages back unchanged")
@Hint("EchoServer.onMessage(WebSocket, ByteBuffer): send the buffer back, conn.send(message)")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class Task2EchoBinaryTest {

    private static final String WHERE = "EchoServer.onMessage(WebSocket conn, ByteBuffer message) should send it back: conn.send(message)";

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
    @DisplayName("all 256 byte values come back in a binary message, byte for byte")
    void echoesEveryByteValue() throws Exception {
        JdkClient client = JdkClient.connect(TestServers.uri(server));
        byte[] everyByte = new byte[256];
        for (int i = 0; i < everyByte.length; i++) {
            everyByte[i] = (byte) i;
        }

        client.send(everyByte);

        eventually(() -> client.messagesHandled.get() >= 1, HANDLED, () ->
                assertEquals(1, client.binaries.size(), "binary messages received back; " + WHERE));
        assertArrayEquals(everyByte, client.binaries.get(0),
                "the bytes that came back (a binary message is not text: no UTF-8 decoding, RFC 6455 §5.6)");
    }

    @Test
    @Order(2)
    @DisplayName("binary stays binary and text stays text when both are sent")
    void keepsTheMessageType() throws Exception {
        LibraryClient client = LibraryClient.connect(TestServers.uri(server));
        byte[] bytes = "bytes, not text".getBytes(StandardCharsets.UTF_8);

        client.send(bytes);
        client.send("text");

        eventually(() -> client.messagesHandled.get() >= 2, HANDLED, () -> {
            assertEquals(1, client.binaries.size(), "binary messages received back; " + WHERE);
            assertEquals(List.of("text"), client.echoes(),
                    "text messages received back; a binary message must come back as binary (opcode 0x2)");
        });
        assertArrayEquals(bytes, client.binaries.get(0), "the bytes that came back");
    }
}
