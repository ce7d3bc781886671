package workshop.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.Deflater;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Deflate: the browser-like client's side of permessage-deflate")
class DeflateTest {

    /** A server's compressor with context takeover: one raw deflate stream, sync-flushed per message (RFC 7692 §7.2.1). */
    private final Deflater server = new Deflater(Deflater.DEFAULT_COMPRESSION, true);

    private byte[] compress(String text) {
        server.setInput(text.getBytes(StandardCharsets.UTF_8));
        byte[] out = new byte[text.length() + 64];
        int length = server.deflate(out, 0, out.length, Deflater.SYNC_FLUSH);
        // RFC 7692 §7.2.1: the sender removes the 00 00 FF FF that ends a sync flush.
        return Arrays.copyOf(out, length - 4);
    }

    /** An unmasked server frame with the given first byte (FIN, RSV1, opcode). */
    private static byte[] frame(int head, byte[] payload) {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(head);
        frame.write(payload.length);
        frame.write(payload, 0, payload.length);
        return frame.toByteArray();
    }

    private static List<String> read(Deflate.Messages messages, byte[] stream) {
        List<String> out = new ArrayList<>();
        messages.feed(stream, 0, stream.length, (opcode, payload, at, length) ->
                out.add(opcode + ":" + new String(payload, at, length, StandardCharsets.UTF_8)));
        return out;
    }

    @Test
    @DisplayName("compressed messages inflate, the later ones pointing back into the earlier (context takeover)")
    void contextTakeover() {
        String line = "{\"type\":\"message\",\"from\":\"ada\",\"text\":\"hello everyone, the build is green\"}";
        Deflate.Messages messages = new Deflate.Messages();
        byte[] first = compress(line);
        byte[] second = compress(line);
        assertTrue(second.length < first.length / 2, "the second copy is mostly a back-reference: " + second.length + " bytes");
        assertEquals(List.of("1:" + line), read(messages, frame(0x80 | 0x40 | WsFrames.TEXT, first)));
        assertEquals(List.of("1:" + line), read(messages, frame(0x80 | 0x40 | WsFrames.TEXT, second)));
        messages.close();
    }

    @Test
    @DisplayName("a compressed message in two frames, a ping between them, and an uncompressed message after")
    void fragmented() throws Exception {
        byte[] compressed = compress("a fragmented hello");
        int half = compressed.length / 2;
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        stream.write(frame(0x40 | WsFrames.TEXT, Arrays.copyOf(compressed, half)));
        stream.write(frame(0x80 | WsFrames.PING, new byte[0]));
        stream.write(frame(0x80 | WsFrames.CONTINUATION, Arrays.copyOfRange(compressed, half, compressed.length)));
        stream.write(frame(0x80 | WsFrames.TEXT, "plain".getBytes(StandardCharsets.UTF_8)));
        assertEquals(List.of("9:", "1:a fragmented hello", "1:plain"), read(new Deflate.Messages(), stream.toByteArray()));
    }

    @Test
    @DisplayName("the 101's Sec-WebSocket-Extensions is found whatever its case, and an answer without one is a decline")
    void answered() {
        byte[] accepted = ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "sec-websocket-extensions: permessage-deflate; client_max_window_bits=15\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        String extensions = Deflate.answered(accepted, accepted.length);
        assertEquals("permessage-deflate; client_max_window_bits=15", extensions);
        assertTrue(Deflate.accepted(extensions));
        byte[] declined = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        assertEquals("", Deflate.answered(declined, declined.length));
        assertFalse(Deflate.accepted(""));
    }
}
