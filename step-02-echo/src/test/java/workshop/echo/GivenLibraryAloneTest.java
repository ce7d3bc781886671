package workshop.echo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.java_websocket.WebSocket;
import org.java_websocket.drafts.Draft;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.handshake.ServerHandshakeBuilder;
import org.java_websocket.server.WebSocketServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * What Java-WebSocket 1.6 does on its own, without StrictConnection: the evidence for the step
 * README's table, and the reason StrictConnection exists. A bare echo server, not EchoServer.
 */
@DisplayName("Given: what Java-WebSocket 1.6 does on its own with bad upgrades and frames")
class GivenLibraryAloneTest {

    /** How long a test listens for an answer that the library never sends. */
    private static final Duration SILENCE = Duration.ofSeconds(1);

    private WebSocketServer server;

    @BeforeEach
    void startBareServer() throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        server = new WebSocketServer(new InetSocketAddress("localhost", 0)) {
            @Override
            public ServerHandshakeBuilder onWebsocketHandshakeReceivedAsServer(WebSocket conn, Draft draft,
                    ClientHandshake request) throws InvalidDataException {
                // The library's own way to refuse an upgrade (its ServerRejectHandshakeExample does this).
                if (request.getResourceDescriptor().equals("/refused")) {
                    throw new InvalidDataException(CloseFrame.POLICY_VALIDATION, "a reason the client never sees");
                }
                return super.onWebsocketHandshakeReceivedAsServer(conn, draft, request);
            }

            @Override
            public void onOpen(WebSocket conn, ClientHandshake handshake) {
            }

            @Override
            public void onClose(WebSocket conn, int code, String reason, boolean remote) {
            }

            @Override
            public void onMessage(WebSocket conn, String message) {
                conn.send(message);
            }

            @Override
            public void onError(WebSocket conn, Exception ex) {
            }

            @Override
            public void onStart() {
                started.countDown();
            }
        };
        server.setReuseAddr(true);
        server.start();
        started.await(TestServers.WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    @AfterEach
    void stopServer() throws InterruptedException {
        server.stop((int) TestServers.WAIT.toMillis());
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("workshop.echo.BadRequests#ALL")
    @DisplayName("the library alone answers a bad upgrade with 101, 404, or nothing at all")
    void answersBadUpgrades(BadRequests bad) throws Exception {
        Wire.Answer answer = bad.libraryAlone() == 0
                ? Wire.exchange(server.getPort(), bad.request(), SILENCE, text -> false)
                : Wire.exchange(server.getPort(), bad.request(), TestServers.WAIT);

        assertEquals(bad.libraryAlone(), answer.status(), bad.name() + ": the library answered " + answer.summary()
                + "; if a new version of Java-WebSocket answers otherwise, update BadRequests and the README's table");
        if (bad.libraryAlone() == 0) {
            assertFalse(answer.closed(), bad.name() + ": the library should hold the connection open without answering");
        }
    }

    @Test
    @DisplayName("whatever the reason, the library's handshake hook refuses with 404 WebSocket Upgrade Failure and keeps the socket open")
    void refusesInItsHookWith404() throws Exception {
        byte[] request = Wire.GOOD_REQUEST.replace("GET / ", "GET /refused ").getBytes();

        Wire.Answer answer = Wire.exchange(server.getPort(), request, SILENCE, text -> false);

        assertEquals("HTTP/1.1 404 WebSocket Upgrade Failure", answer.statusLine(),
                "what an InvalidDataException thrown in onWebsocketHandshakeReceivedAsServer becomes "
                        + "(WebSocketImpl.closeConnectionDueToWrongHandshake)");
        assertFalse(answer.text().contains("never sees"), "the reason reached the client: " + answer.text());
        assertFalse(answer.closed(), "the library closed the refused connection; StrictConnection's javadoc says it does not");
    }

    @Test
    @DisplayName("the library takes an unmasked client frame and echoes it, where RFC 6455 §5.1 says to close with 1002")
    void takesUnmaskedFrames() throws Exception {
        byte[] request = concat(Wire.GOOD_REQUEST.getBytes(), Wire.unmaskedText("unmasked"));
        byte[] echo = Wire.maskedText("unmasked");
        byte[] expected = {echo[0], (byte) "unmasked".length(), 'u', 'n', 'm', 'a', 's', 'k', 'e', 'd'};

        Wire.Answer answer = Wire.exchange(server.getPort(), request, TestServers.WAIT,
                text -> Wire.wholeHttpAnswer(text) && text.length() >= text.indexOf("\r\n\r\n") + 4 + expected.length);

        assertEquals(101, answer.status(), "the upgrade: " + answer.summary());
        assertArrayEquals(expected, Arrays.copyOf(answer.frames(), expected.length),
                "the frame after the 101: the echo of the unmasked frame (a server's frames are not masked)");
    }

    private static byte[] concat(byte[] first, byte[] second) {
        return ByteBuffer.allocate(first.length + second.length).put(first).put(second).array();
    }
}
