package workshop.echo;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** StrictConnection, given code that EchoServer's constructor installs: it refuses what step 1's server refuses. */
@DisplayName("Given: EchoServer refuses a bad upgrade with 400, 426, 408 or 431 and a reason, and an unmasked frame with 1002")
class GivenStrictConnectionTest {

    /** Short, so that a client that never finishes its request is found out fast. */
    private static final Duration HANDSHAKE_TIMEOUT = Duration.ofMillis(500);
    private static final String WHERE = " (StrictConnection and UpgradeRules, given code)";
    /** Read on until the server closes the connection, as it should after each refusal. */
    private static final Predicate<String> untilClosed = text -> false;

    private EchoServer server;

    @BeforeEach
    void startServer() {
        server = TestServers.start(EchoServer.CONNECTION_LOST_TIMEOUT_SECONDS, HANDSHAKE_TIMEOUT);
    }

    @AfterEach
    void stopServer() throws InterruptedException {
        TestServers.stop(server);
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("workshop.echo.BadRequests#ALL")
    @DisplayName("a bad upgrade gets its status, the reason as the body, and a closed connection")
    void refusesBadUpgrades(BadRequests bad) throws Exception {
        Wire.Answer answer = Wire.exchange(server.getPort(), bad.request(), TestServers.WAIT.plus(HANDSHAKE_TIMEOUT), untilClosed);

        assertEquals(bad.strict(), answer.status(), bad.name() + ": expected " + bad.strict() + ", got " + answer.summary() + WHERE);
        assertTrue(answer.text().contains(bad.reason()), bad.name() + ": the body should say \"" + bad.reason()
                + "\"; got " + answer.summary() + WHERE);
        assertTrue(answer.closed(), bad.name() + ": the server should close the connection after refusing it" + WHERE);
        if (bad.strict() == 426) {
            assertTrue(answer.text().contains("\r\nSec-WebSocket-Version: 13\r\n"),
                    "RFC 6455 §4.4: a 426 names the version the server speaks; got " + answer.text() + WHERE);
        }
        assertEquals(0, server.getConnections().size(), "a refused upgrade must never become a connection" + WHERE);
    }

    @Test
    @DisplayName("the good request still gets 101 Switching Protocols")
    void acceptsTheGoodRequest() throws Exception {
        Wire.Answer answer = Wire.exchange(server.getPort(), Wire.GOOD_REQUEST.getBytes(StandardCharsets.US_ASCII), TestServers.WAIT);

        assertEquals(101, answer.status(), "the good request: " + answer.summary() + WHERE);
        assertTrue(answer.text().contains("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo="),
                "RFC 6455 §1.3's example accept value; got " + answer.text());
    }

    @Test
    @DisplayName("an unmasked client frame closes the connection with 1002, the frame is not echoed")
    void closesOnAnUnmaskedFrame() throws Exception {
        byte[] request = ByteBuffer.allocate(Wire.GOOD_REQUEST.length() + 10)
                .put(Wire.GOOD_REQUEST.getBytes(StandardCharsets.US_ASCII)).put(Wire.unmaskedText("unmasked")).array();

        Wire.Answer answer = Wire.exchange(server.getPort(), request, TestServers.WAIT, untilClosed);

        assertEquals(101, answer.status(), "the upgrade: " + answer.summary());
        List<Wire.Frame> frames = Wire.frames(answer.frames());
        assertFalse(frames.isEmpty(), "expected a close frame after the 101, got nothing" + WHERE);
        Wire.Frame last = frames.get(frames.size() - 1);
        assertEquals(Wire.Frame.CLOSE + " 1002", last.opcode() + " " + last.closeCode(),
                "the last frame should be a close with 1002 (RFC 6455 §5.1); the frames were " + frames + WHERE);
        assertTrue(frames.stream().noneMatch(frame -> frame.text().equals("unmasked")),
                "the unmasked frame was echoed: " + frames + WHERE);
        assertTrue(answer.closed(), "the server should close the connection after the close frame" + WHERE);
    }
}
