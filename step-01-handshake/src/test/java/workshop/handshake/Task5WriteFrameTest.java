package workshop.handshake;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import workshop.progress.Hint;

@DisplayName("Task 5: write unmasked server frames, so the server echoes")
@Hint("FrameWriter.write: byte 0 = FIN | opcode; byte 1 = length, or 126 + 2 bytes, or 127 + 8 bytes; no mask")
class Task5WriteFrameTest {

    @RegisterExtension
    final TestServer server = new TestServer();

    @Test
    @DisplayName("writes RFC 6455 §5.7's unmasked \"Hello\": 81 05 48 65 6c 6c 6f")
    void writesHello() throws IOException {
        assertBytes("81 05 48 65 6c 6c 6f", write(Frame.text("Hello")),
                "FrameWriter.write(Frame.text(\"Hello\")): see RFC 6455 §5.7");
    }

    @Test
    @DisplayName("writes RFC 6455 §5.7's first fragment: FIN = 0, so 01 03 48 65 6c")
    void writesFragment() throws IOException {
        assertBytes("01 03 48 65 6c", write(new Frame(false, Frame.TEXT, "Hel".getBytes(StandardCharsets.UTF_8))),
                "FrameWriter.write: byte 0 has FIN (0x80) only when the frame is final");
    }

    @Test
    @DisplayName("writes RFC 6455 §5.7's 256-byte binary frame with a 16-bit length: 82 7e 01 00")
    void writes16BitLength() throws IOException {
        byte[] payload = Task4ReadFrameTest.pattern(256);

        byte[] written = write(new Frame(true, Frame.BINARY, payload));

        assertBytes("82 7e 01 00", Arrays.copyOf(written, 4), "FrameWriter.write: the header of a 256-byte frame");
        assertArrayEquals(payload, Arrays.copyOfRange(written, 4, written.length), "FrameWriter.write: the payload after the header");
    }

    @Test
    @DisplayName("writes RFC 6455 §5.7's 64 KiB binary frame with a 64-bit length: 82 7f 00 00 00 00 00 01 00 00")
    void writes64BitLength() throws IOException {
        byte[] payload = Task4ReadFrameTest.pattern(65536);

        byte[] written = write(new Frame(true, Frame.BINARY, payload));

        assertBytes("82 7f 00 00 00 00 00 01 00 00", Arrays.copyOf(written, 10), "FrameWriter.write: the header of a 64 KiB frame");
        assertArrayEquals(payload, Arrays.copyOfRange(written, 10, written.length), "FrameWriter.write: the payload after the header");
    }

    @ParameterizedTest(name = "a {0}-byte text frame starts with {1}")
    @CsvSource({"125, 81 7d", "126, 81 7e 00 7e", "65535, 81 7e ff ff", "65536, 81 7f 00 00 00 00 00 01 00 00"})
    @DisplayName("uses the shortest length form at each boundary")
    void lengthBoundaries(int length, String header) throws IOException {
        byte[] written = write(new Frame(true, Frame.TEXT, new byte[length]));

        int headerLength = header.split(" ").length;
        assertBytes(header, Arrays.copyOf(written, headerLength),
                "FrameWriter.write: up to 125 in 7 bits, up to 65535 in 16 bits, beyond in 64 bits (RFC 6455 §5.2)");
        assertEquals(headerLength + length, written.length, "FrameWriter.write: the header, then exactly the payload");
    }

    @Test
    @DisplayName("the server echoes a browser's masked \"Hello\" as 81 05 48 65 6c 6c 6f")
    void echoesOverSocket() throws IOException {
        try (WireClient browser = server.connect().upgrade()) {
            browser.send(ClientFrames.maskedText("Hello"));

            assertBytes("81 05 48 65 6c 6c 6f", browser.readFrame(), "the server's echo of \"Hello\"");
        }
    }

    @Test
    @DisplayName("the server echoes every message on one connection, in order, whatever its size")
    void echoesManyMessages() throws IOException {
        List<String> messages = List.of("first", "héllo wörld ✓", "x".repeat(300), "last");
        try (WireClient browser = server.connect().upgrade()) {
            for (String message : messages) {
                browser.send(ClientFrames.maskedText(message));

                ClientFrames.assertFrame(ClientFrames.serverText(message), browser.readFrame(),
                        "the server's echo of a " + message.length() + "-character message, unmasked");
            }
        }
    }

    @Test
    @DisplayName("the server answers a ping with a pong that carries the same payload (RFC 6455 §5.5.2)")
    void answersPing() throws IOException {
        try (WireClient browser = server.connect().upgrade()) {
            browser.send(ClientFrames.masked(0x89, "Hello".getBytes(StandardCharsets.UTF_8)));

            assertBytes("8a 05 48 65 6c 6c 6f", browser.readFrame(), "the pong for a ping with \"Hello\" (RFC 6455 §5.7)");
        }
    }

    @Test
    @DisplayName("the JDK's own WebSocket client gets its message echoed")
    void jdkClientGetsEcho() throws InterruptedException {
        JdkClient client = JdkClient.connect(server.uri());

        client.sendText("hello from the JDK", true);

        client.awaitTexts(List.of("hello from the JDK"), "the server should send back the text it read, in a frame FrameWriter.write wrote");
        client.webSocket().abort();
    }

    private static byte[] write(Frame frame) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FrameWriter.write(frame, out);
        return out.toByteArray();
    }

    private static void assertBytes(String expectedHex, byte[] actual, String message) {
        assertEquals(expectedHex, hex(actual), message);
    }

    static String hex(byte[] bytes) {
        return HexFormat.ofDelimiter(" ").formatHex(bytes);
    }
}
