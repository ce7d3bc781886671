package workshop.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import workshop.progress.Hint;

@DisplayName("Task 6: answer a close frame with a close frame; close bad connections with a code")
@Hint("Frame.close puts the code in 2 big-endian bytes; Frame.closeCode reads them back (RFC 6455 §5.5.1)")
class Task6CloseTest {

    // Every frame here is a few bytes: the unfinished one is found out in half a second, not two.
    @RegisterExtension
    final TestServer server = new TestServer(TestServer.SMALL_FRAMES);

    @Test
    @DisplayName("Frame.close(1000) is a final close frame with payload 03 e8")
    void closeFrame() {
        Frame close = Frame.close(CloseCodes.NORMAL_CLOSURE);

        assertTrue(close.fin(), "Frame.close: a control frame is never fragmented (RFC 6455 §5.5)");
        assertEquals(Frame.CLOSE, close.opcode(), "Frame.close: the opcode");
        assertEquals("03 e8", Task5WriteFrameTest.hex(close.payload()), "Frame.close(1000): 1000 is 0x03e8, big-endian");
    }

    @Test
    @DisplayName("closeCode reads 1001 from a close payload with a reason after the code")
    void closeCodeWithReason() {
        Frame close = new Frame(true, Frame.CLOSE, new byte[] {0x03, (byte) 0xe9, 'b', 'y', 'e'});

        assertEquals(1001, close.closeCode(), "Frame.closeCode: the first 2 bytes, big-endian; the reason follows them");
    }

    @Test
    @DisplayName("closeCode is 1005 when the close payload is empty (RFC 6455 §7.1.5)")
    void closeCodeWhenEmpty() {
        Frame close = new Frame(true, Frame.CLOSE, new byte[0]);

        assertEquals(CloseCodes.NO_STATUS_RECEIVED, close.closeCode(),
                "Frame.closeCode: no code in the payload means CloseCodes.NO_STATUS_RECEIVED");
    }

    @Test
    @DisplayName("the server answers close 1000 with close 1000, then closes the connection")
    void echoesNormalClose() throws IOException {
        try (WireClient browser = server.connect().upgrade()) {
            browser.send(ClientFrames.maskedClose(1000, ""));

            ClientFrames.assertFrame(ClientFrames.serverClose(1000), browser.readFrame(), "the server's answer to close 1000");
            browser.assertClosedByServer();
        }
    }

    @Test
    @DisplayName("the server echoes the code of close 1001 \"bye\"")
    void echoesGoingAway() throws IOException {
        try (WireClient browser = server.connect().upgrade()) {
            browser.send(ClientFrames.maskedClose(1001, "bye"));

            ClientFrames.assertFrame(ClientFrames.serverClose(1001), browser.readFrame(), "the server's answer to close 1001");
            browser.assertClosedByServer();
        }
    }

    @Test
    @DisplayName("the server answers a close without a code with 1000, as 1005 must not be sent")
    void answersEmptyClose() throws IOException {
        try (WireClient browser = server.connect().upgrade()) {
            browser.send(ClientFrames.masked(0x88, new byte[0]));

            ClientFrames.assertFrame(ClientFrames.serverClose(1000), browser.readFrame(), "the server's answer to an empty close");
            browser.assertClosedByServer();
        }
    }

    @ParameterizedTest(name = "close {0} is answered with 1002, not echoed")
    @ValueSource(ints = {0, 999, 1004, 1005, 1006, 1015, 2999, 5000})
    @DisplayName("a close with a code no one may send is answered with 1002, never echoed (RFC 6455 §7.4)")
    void refusesForbiddenCloseCodes(int code) throws IOException {
        try (WireClient browser = server.connect().upgrade()) {
            browser.send(ClientFrames.maskedClose(code, ""));

            ClientFrames.assertFrame(ClientFrames.serverClose(CloseCodes.PROTOCOL_ERROR), browser.readFrame(),
                    "the server's answer to close " + code + ": codes like 1005, 1006 and 1015 only report, and must never be sent");
            browser.assertClosedByServer();
        }
    }

    @Test
    @DisplayName("a close frame with a 1-byte payload is answered with 1002 (RFC 6455 §5.5.1)")
    void refusesOneByteClose() throws IOException {
        try (WireClient browser = server.connect().upgrade()) {
            browser.send(ClientFrames.masked(0x88, new byte[] {0x03}));

            ClientFrames.assertFrame(ClientFrames.serverClose(CloseCodes.PROTOCOL_ERROR), browser.readFrame(),
                    "the server's answer to a close whose payload is 1 byte: a code takes 2 (Frame.closeCode)");
            browser.assertClosedByServer();
        }
    }

    @Test
    @DisplayName("a close whose reason is not UTF-8 is answered with 1007, not echoed (RFC 6455 §8.1)")
    void refusesCloseReasonNotUtf8() throws IOException {
        try (WireClient browser = server.connect().upgrade()) {
            // Code 1000, then "by" and a byte that never occurs in UTF-8.
            browser.send(ClientFrames.masked(0x88, new byte[] {0x03, (byte) 0xe8, 'b', 'y', (byte) 0xff}));

            ClientFrames.assertFrame(ClientFrames.serverClose(CloseCodes.INVALID_PAYLOAD), browser.readFrame(),
                    "the server's answer to close 1000 with the reason 62 79 ff, not UTF-8 (Frame.hasValidReason)");
            browser.assertClosedByServer();
        }
    }

    @Test
    @DisplayName("a text frame that is not UTF-8 gets close 1007 (RFC 6455 §8.1)")
    void closesInvalidUtf8() throws IOException {
        try (WireClient client = server.connect().upgrade()) {
            client.send(ClientFrames.masked(0x81, new byte[] {(byte) 0xff, (byte) 0xfe}));

            ClientFrames.assertFrame(ClientFrames.serverClose(CloseCodes.INVALID_PAYLOAD), client.readFrame(),
                    "the server's answer to a text frame holding the bytes ff fe");
            client.assertClosedByServer();
        }
    }

    @Test
    @DisplayName("an unknown opcode gets close 1002 (RFC 6455 §5.2)")
    void closesUnknownOpcode() throws IOException {
        try (WireClient client = server.connect().upgrade()) {
            client.send(ClientFrames.masked(0x83, new byte[0]));

            ClientFrames.assertFrame(ClientFrames.serverClose(CloseCodes.PROTOCOL_ERROR), client.readFrame(),
                    "the server's answer to opcode 0x3, which no one defined");
            client.assertClosedByServer();
        }
    }

    @Test
    @DisplayName("a client that stops in the middle of a frame header gets close 1008 after Limits.FRAME_TIMEOUT, and the next client still gets its echo")
    void closesUnfinishedFrame() throws IOException {
        try (WireClient stalled = server.connect().upgrade()) {
            // Byte 0 of a text frame; the length, the mask and the payload never come.
            stalled.send(new byte[] {(byte) 0x81});

            ClientFrames.assertFrame(ClientFrames.serverClose(CloseCodes.POLICY_VIOLATION), stalled.readFrame(),
                    "the server's answer to a frame unfinished after " + TestServer.SMALL_FRAME_TIMEOUT.toMillis()
                            + " ms (FrameDeadline, given, throws; the server answers with Frame.close)");
            stalled.assertClosedByServer();
        }
        assertNextClientGetsEcho();
    }

    @Test
    @DisplayName("an unmasked frame gets close 1002, and the next client still gets its echo")
    void closesUnmasked() throws IOException {
        try (WireClient rogue = server.connect().upgrade()) {
            rogue.send(ClientFrames.unmasked(0x81, "Hello".getBytes(StandardCharsets.UTF_8)));

            ClientFrames.assertFrame(ClientFrames.serverClose(CloseCodes.PROTOCOL_ERROR), rogue.readFrame(),
                    "the server's answer to an unmasked client frame (RFC 6455 §5.1)");
            rogue.assertClosedByServer();
        }
        assertNextClientGetsEcho();
    }

    @Test
    @DisplayName("a payload over Limits.MAX_PAYLOAD_BYTES gets close 1009, and the next client still gets its echo")
    void closesTooBig() throws IOException {
        try (WireClient greedy = server.connect().upgrade()) {
            greedy.send(ClientFrames.masked(0x81, new byte[Limits.MAX_PAYLOAD_BYTES + 1]));

            ClientFrames.assertFrame(ClientFrames.serverClose(CloseCodes.MESSAGE_TOO_BIG), greedy.readFrame(),
                    "the server's answer to a payload of " + (Limits.MAX_PAYLOAD_BYTES + 1) + " bytes");
            greedy.assertClosedByServer();
        }
        assertNextClientGetsEcho();
    }

    @Test
    @DisplayName("a binary frame gets close 1003: this server takes text only")
    void closesBinary() throws IOException {
        try (WireClient client = server.connect().upgrade()) {
            client.send(ClientFrames.masked(0x82, new byte[] {1, 2, 3}));

            ClientFrames.assertFrame(ClientFrames.serverClose(CloseCodes.UNSUPPORTED_DATA), client.readFrame(),
                    "the server's answer to a binary frame");
            client.assertClosedByServer();
        }
    }

    @Test
    @DisplayName("the JDK's own WebSocket client sends close 1000 and gets close 1000 back")
    void jdkClientCloses() throws InterruptedException {
        JdkClient client = JdkClient.connect(server.uri());

        client.sendClose(WebSocket.NORMAL_CLOSURE, "bye");

        client.awaitClose(CloseCodes.NORMAL_CLOSURE, "the server should answer close 1000 with a close frame from Frame.close(1000)");
    }

    private void assertNextClientGetsEcho() throws IOException {
        try (WireClient next = server.connect().upgrade()) {
            next.send(ClientFrames.maskedText("still there?"));

            ClientFrames.assertFrame(ClientFrames.serverText("still there?"), next.readFrame(), "the echo to the next client");
        }
    }
}
