package workshop.echo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static workshop.echo.Eventually.eventually;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import workshop.progress.Hint;

@DisplayName("Task 5: drop clients that stop answering pings, refuse messages over MAX_MESSAGE_BYTES")
@Hint("EchoServer's constructor: setConnectionLostTimeout(seconds), and new Draft_6455(List.of(), MAX_MESSAGE_BYTES)")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class Task5LimitsTest {

    /** The shortest timeout the library takes (whole seconds), so the dead client is found fast. */
    private static final int SHORT_TIMEOUT_SECONDS = 1;
    /** The library drops a silent client 1.5 to 2.5 timeouts after it connected. */
    private static final Duration DROP_WAIT = Duration.ofSeconds(10);
    private static final int TOO_BIG = 1009;
    private static final String LIMIT = "EchoServer's constructor should pass MAX_MESSAGE_BYTES to new Draft_6455(List.of(), limit)";

    private static final String HANDLED = "EchoServer.onMessage has returned for every message sent, so no more is coming";

    private EchoServer server;

    @AfterEach
    void stopServer() throws InterruptedException {
        TestServers.stop(server);
    }

    @Test
    @Order(1)
    @DisplayName("a client that never answers pings is pinged, then dropped; a client that answers stays")
    void dropsDeadPeers() throws Exception {
        server = TestServers.start(SHORT_TIMEOUT_SECONDS);
        JdkClient alive = JdkClient.connect(TestServers.uri(server));

        // Known at once: a red run says so now, rather than after waiting for a drop that cannot come.
        assertEquals(SHORT_TIMEOUT_SECONDS, server.getConnectionLostTimeout(), "seconds between the server's pings, for a "
                + "server built with " + SHORT_TIMEOUT_SECONDS + " s: EchoServer's constructor should call "
                + "setConnectionLostTimeout with the timeout it was given, or a silent client is never found out");
        try (RawClient silent = RawClient.connect(server.getPort())) {
            eventually(DROP_WAIT, () ->
                    assertTrue(silent.droppedByServer, "a client that never sent a pong is still connected, with a 1 s "
                            + "timeout (opcodes of the frames it got: " + silent.opcodes + "; a ping is 9)"));
            assertTrue(silent.opcodes.contains(RawClient.PING), "frames the silent client got before the drop "
                    + "(opcodes, 0x9 = ping): " + silent.opcodes);
        }
        eventually(() ->
                assertEquals(1, server.getConnections().size(), "connections the server still has"));
        assertFalse(alive.closed.isDone(), "a client that answers pings (the JDK's does) was dropped too");
    }

    @Test
    @Order(2)
    @DisplayName("a message of MAX_MESSAGE_BYTES comes back; one byte more closes that client with 1009")
    void refusesOversizedMessages() throws Exception {
        server = TestServers.start();
        JdkClient client = JdkClient.connect(TestServers.uri(server));
        String atTheLimit = "x".repeat(EchoServer.MAX_MESSAGE_BYTES);

        client.send(atTheLimit);
        eventually(() -> client.messagesHandled.get() >= 1, HANDLED, () ->
                assertEquals(1, client.echoes().size(), "a message of exactly MAX_MESSAGE_BYTES should come back"));
        client.send(atTheLimit + "x");

        eventually(() -> client.messagesHandled.get() >= 2, "EchoServer.onMessage took the message over the limit", () ->
                assertTrue(client.closed.isDone(), "a message of MAX_MESSAGE_BYTES + 1 was not refused; " + LIMIT));
        assertEquals(TOO_BIG, client.closed.join().code(), "close code for a message over the limit (1009 = message too big)");
    }

    @Test
    @Order(3)
    @DisplayName("a message over MAX_MESSAGE_BYTES sent in small fragments is refused with 1009 too")
    void refusesOversizedFragmentedMessages() throws Exception {
        server = TestServers.start();
        JdkClient client = JdkClient.connect(TestServers.uri(server));
        String half = "x".repeat(EchoServer.MAX_MESSAGE_BYTES / 2 + 1);

        client.sendInFragments(half, half);

        eventually(() -> client.messagesHandled.get() >= 1, "EchoServer.onMessage took the message over the limit", () ->
                assertTrue(client.closed.isDone(), "two fragments adding up to more than the limit were not refused "
                        + "(the limit counts the whole message); " + LIMIT));
        assertEquals(TOO_BIG, client.closed.join().code(), "close code for a message over the limit (1009 = message too big)");
    }

    @Test
    @Order(4)
    @DisplayName("after refusing one client's oversized message, the server keeps echoing to the others")
    void keepsServingOthers() throws Exception {
        server = TestServers.start();
        JdkClient greedy = JdkClient.connect(TestServers.uri(server));
        LibraryClient polite = LibraryClient.connect(TestServers.uri(server));

        greedy.send("x".repeat(EchoServer.MAX_MESSAGE_BYTES + 1));
        eventually(() -> greedy.messagesHandled.get() >= 1, "EchoServer.onMessage took the message over the limit", () ->
                assertTrue(greedy.closed.isDone(), "the oversized message was not refused; " + LIMIT));
        polite.send("still there?");

        eventually(() -> polite.messagesHandled.get() >= 1, HANDLED, () ->
                assertEquals(List.of("still there?"), polite.echoes(), "the other client's echo"));
    }

    @Test
    @Order(5)
    @DisplayName("a connection-lost timeout under one second is refused: the library would read 0 as \"never ping\"")
    void refusesTimeoutsUnderOneSecond() {
        IllegalArgumentException refused = null;
        try {
            new EchoServer(new InetSocketAddress("localhost", 0), 0);
        } catch (IllegalArgumentException expected) {
            refused = expected;
        }
        assertNotNull(refused, "new EchoServer(address, 0) was accepted, and a server without pings never finds a "
                + "dead peer; EchoServer's constructor should throw IllegalArgumentException for less than 1 second");
    }
}
