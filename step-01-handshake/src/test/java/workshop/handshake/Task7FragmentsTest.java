package workshop.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import workshop.progress.Hint;

@DisplayName("Task 7: join a fragmented message, with control frames in between")
@Hint("MessageAssembler.add: keep each fragment's payload until a frame with FIN; 1002 for a continuation out of place (RFC 6455 §5.4)")
class Task7FragmentsTest {

    /** Byte 0 of each frame: FIN (0x80) or not, and the opcode. */
    private static final int FIRST = 0x01;
    private static final int MORE = 0x00;
    private static final int LAST = 0x80;
    private static final int PING = 0x89;

    @RegisterExtension
    final TestServer server = new TestServer();

    @Test
    @DisplayName("add keeps a first fragment, and returns the whole message with the last one")
    void joinsTwoFragments() throws FrameException {
        MessageAssembler messages = new MessageAssembler(Limits.MAX_PAYLOAD_BYTES);

        assertEquals(Optional.empty(), messages.add(text(false, "Hel")).map(Task7FragmentsTest::string),
                "MessageAssembler.add: a text frame without FIN starts a message; nothing to echo yet");
        assertEquals(Optional.of("Hello"), messages.add(continuation(true, "lo")).map(Task7FragmentsTest::string),
                "MessageAssembler.add: the continuation with FIN ends the message: all payloads, in order");
    }

    @Test
    @DisplayName("add joins any number of fragments, empty ones too, and starts afresh after each message")
    void joinsManyFragmentsThenStartsAgain() throws FrameException {
        MessageAssembler messages = new MessageAssembler(Limits.MAX_PAYLOAD_BYTES);

        messages.add(text(false, "one, "));
        messages.add(continuation(false, ""));
        messages.add(continuation(false, "two, "));
        assertEquals(Optional.of("one, two, three"), messages.add(continuation(true, "three")).map(Task7FragmentsTest::string),
                "MessageAssembler.add: four fragments (one of them empty) make one message");
        assertEquals(Optional.of("next"), messages.add(text(true, "next")).map(Task7FragmentsTest::string),
                "MessageAssembler.add: once a message ended, the next one starts with nothing kept from the last");
    }

    @Test
    @DisplayName("add refuses a continuation when no message was started with 1002 (RFC 6455 §5.4)")
    void refusesStrayContinuation() {
        MessageAssembler messages = new MessageAssembler(Limits.MAX_PAYLOAD_BYTES);

        FrameException refusal = assertThrows(FrameException.class, () -> messages.add(continuation(true, "lost")),
                "MessageAssembler.add: a continuation frame with no message started should throw a FrameException");
        assertEquals(CloseCodes.PROTOCOL_ERROR, refusal.closeCode(), "MessageAssembler.add: the close code for a stray continuation");
    }

    @Test
    @DisplayName("add refuses a new text frame before the last message ended with 1002 (RFC 6455 §5.4)")
    void refusesInterleavedMessage() throws FrameException {
        MessageAssembler messages = new MessageAssembler(Limits.MAX_PAYLOAD_BYTES);
        messages.add(text(false, "Hel"));

        FrameException refusal = assertThrows(FrameException.class, () -> messages.add(text(true, "new")),
                "MessageAssembler.add: after a text frame without FIN, only continuations may follow until one has FIN");
        assertEquals(CloseCodes.PROTOCOL_ERROR, refusal.closeCode(), "MessageAssembler.add: the close code for a new message too early");
    }

    @Test
    @DisplayName("add refuses fragments that together exceed the limit with 1009")
    void refusesMessageOverLimit() throws FrameException {
        MessageAssembler messages = new MessageAssembler(10);
        messages.add(text(false, "123456"));

        FrameException refusal = assertThrows(FrameException.class, () -> messages.add(continuation(true, "78901")),
                "MessageAssembler.add: 6 + 5 bytes is over a limit of 10; the limit is on the whole message, not each frame");
        assertEquals(CloseCodes.MESSAGE_TOO_BIG, refusal.closeCode(), "MessageAssembler.add: the close code for a message too big");
    }

    @Test
    @DisplayName("the server echoes a message sent in three fragments as one frame")
    void echoesFragmentedMessage() throws IOException {
        try (WireClient browser = server.connect().upgrade()) {
            browser.send(join(masked(FIRST, "Hel"), masked(MORE, "l"), masked(LAST, "o")));

            ClientFrames.assertFrame(ClientFrames.serverText("Hello"), browser.readFrame(),
                    "the server's echo of \"Hel\" + \"l\" + \"o\", as one text frame with FIN (the log shows what it got)");
        }
    }

    @Test
    @DisplayName("a character split between two fragments comes back whole (UTF-8 is checked on the message)")
    void echoesCharacterSplitAcrossFragments() throws IOException {
        byte[] word = "héllo".getBytes(StandardCharsets.UTF_8);
        try (WireClient browser = server.connect().upgrade()) {
            // "é" is c3 a9: the first fragment ends after c3, in the middle of the character.
            browser.send(join(ClientFrames.masked(FIRST, Arrays.copyOf(word, 2)),
                    ClientFrames.masked(LAST, Arrays.copyOfRange(word, 2, word.length))));

            ClientFrames.assertFrame(ClientFrames.serverText("héllo"), browser.readFrame(),
                    "the server's echo of \"h\\xc3\" + \"\\xa9llo\": each fragment alone is not UTF-8, the message is");
        }
    }

    @Test
    @DisplayName("a ping between two fragments gets its pong at once, then the message its echo (RFC 6455 §5.4)")
    void answersPingBetweenFragments() throws IOException {
        try (WireClient browser = server.connect().upgrade()) {
            browser.send(join(masked(FIRST, "Hel"), masked(PING, "are you there?"), masked(LAST, "lo")));

            ClientFrames.assertFrame(ClientFrames.unmasked(0x8a, "are you there?".getBytes(StandardCharsets.UTF_8)),
                    browser.readFrame(), "first the pong for the ping that came between the fragments");
            ClientFrames.assertFrame(ClientFrames.serverText("Hello"), browser.readFrame(),
                    "then the echo of the whole message \"Hel\" + \"lo\"");
        }
    }

    @Test
    @DisplayName("a close between two fragments is answered with a close, and the connection ends")
    void answersCloseBetweenFragments() throws IOException {
        try (WireClient browser = server.connect().upgrade()) {
            browser.send(join(masked(FIRST, "Hel"), ClientFrames.maskedClose(1000, "")));

            ClientFrames.assertFrame(ClientFrames.serverClose(1000), browser.readFrame(),
                    "the server's answer to close 1000 in the middle of a fragmented message");
            browser.assertClosedByServer();
        }
    }

    @Test
    @DisplayName("a continuation frame when no message was started gets close 1002")
    void closesStrayContinuation() throws IOException {
        try (WireClient client = server.connect().upgrade()) {
            client.send(masked(LAST, "lost"));

            ClientFrames.assertFrame(ClientFrames.serverClose(CloseCodes.PROTOCOL_ERROR), client.readFrame(),
                    "the server's answer to a continuation frame (0x0) when no message was started");
            client.assertClosedByServer();
        }
    }

    @Test
    @DisplayName("a new text frame before the last fragment gets close 1002")
    void closesInterleavedMessage() throws IOException {
        try (WireClient client = server.connect().upgrade()) {
            client.send(join(masked(FIRST, "Hel"), masked(0x81, "new")));

            ClientFrames.assertFrame(ClientFrames.serverClose(CloseCodes.PROTOCOL_ERROR), client.readFrame(),
                    "the server's answer to a text frame that comes while \"Hel\" waits for its continuation");
            client.assertClosedByServer();
        }
    }

    @Test
    @DisplayName("fragments over Limits.MAX_PAYLOAD_BYTES together get close 1009, and the next client still gets its echo")
    void closesFragmentsOverLimit() throws IOException {
        byte[] half = new byte[Limits.MAX_PAYLOAD_BYTES / 2];
        try (WireClient greedy = server.connect().upgrade()) {
            greedy.send(join(ClientFrames.masked(FIRST, half), ClientFrames.masked(MORE, half), masked(LAST, "!")));

            ClientFrames.assertFrame(ClientFrames.serverClose(CloseCodes.MESSAGE_TOO_BIG), greedy.readFrame(),
                    "the server's answer to three fragments of " + half.length + ", " + half.length + " and 1 bytes");
            greedy.assertClosedByServer();
        }
        try (WireClient next = server.connect().upgrade()) {
            next.send(ClientFrames.maskedText("still there?"));

            ClientFrames.assertFrame(ClientFrames.serverText("still there?"), next.readFrame(), "the echo to the next client");
        }
    }

    @Test
    @DisplayName("the JDK's own WebSocket client sends a message in two parts and gets it back whole")
    void jdkClientSendsInParts() throws InterruptedException {
        JdkClient client = JdkClient.connect(server.uri());

        client.sendText("first half, ", false);
        client.sendText("second half", true);

        client.awaitTexts(List.of("first half, second half"),
                "sendText(..., false) then sendText(..., true) sends a text frame without FIN, then a continuation with it");
        client.webSocket().abort();
    }

    private static Frame text(boolean fin, String payload) {
        return new Frame(fin, Frame.TEXT, payload.getBytes(StandardCharsets.UTF_8));
    }

    private static Frame continuation(boolean fin, String payload) {
        return new Frame(fin, Frame.CONTINUATION, payload.getBytes(StandardCharsets.UTF_8));
    }

    private static String string(byte[] payload) {
        return new String(payload, StandardCharsets.UTF_8);
    }

    private static byte[] masked(int firstByte, String payload) {
        return ClientFrames.masked(firstByte, payload.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] join(byte[]... frames) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] frame : frames) {
            all.writeBytes(frame);
        }
        return all.toByteArray();
    }
}
