package workshop.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("WsFrames: masked client frames out, server frames in, however the reads split them")
class WsFramesTest {

    /** What was read: opcode and text of each frame. */
    private static List<String> read(byte[] stream, int chunk) {
        List<String> frames = new ArrayList<>();
        WsFrames.Reader reader = new WsFrames.Reader();
        for (int at = 0; at < stream.length; at += chunk) {
            reader.feed(stream, at, Math.min(chunk, stream.length - at), (opcode, payload, offset, length) ->
                    frames.add(opcode + ":" + new String(payload, offset, length, StandardCharsets.UTF_8)));
        }
        return frames;
    }

    /** An unmasked frame, as a server sends (RFC 6455 §5.2). */
    private static byte[] serverFrame(int opcode, String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        ByteBuffer frame = ByteBuffer.allocate(payload.length + 10);
        frame.put((byte) (0x80 | opcode));
        if (payload.length < 126) {
            frame.put((byte) payload.length);
        } else if (payload.length <= 0xFFFF) {
            frame.put((byte) 126).putShort((short) payload.length);
        } else {
            frame.put((byte) 127).putLong(payload.length);
        }
        frame.put(payload).flip();
        byte[] bytes = new byte[frame.remaining()];
        frame.get(bytes);
        return bytes;
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    @Test
    @DisplayName("a client text frame is final, masked, and reads back as its text in all three length forms")
    void clientFrames() {
        for (int length : new int[] {0, 125, 126, 65_535, 65_536}) {
            String text = "x".repeat(length);
            byte[] frame = bytes(WsFrames.text(text));
            assertEquals((byte) 0x81, frame[0], "FIN and opcode 1 (text)");
            assertEquals(0x80, frame[1] & 0x80, "RFC 6455 §5.3: every client frame is masked");
            int header = 2 + (length < 126 ? 0 : length <= 0xFFFF ? 2 : 8) + 4;
            assertEquals(header + length, frame.length, "frame length for a payload of " + length);
            assertEquals(List.of("1:" + text), read(frame, frame.length));
        }
    }

    @Test
    @DisplayName("server frames split at every byte come out whole and in order")
    void splitAnywhere() throws Exception {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        stream.write(serverFrame(WsFrames.TEXT, "* guest-1 joined (1 online)"));
        stream.write(serverFrame(WsFrames.PING, ""));
        stream.write(serverFrame(WsFrames.TEXT, "y".repeat(300)));
        byte[] bytes = stream.toByteArray();
        List<String> expected = List.of("1:* guest-1 joined (1 online)", "9:", "1:" + "y".repeat(300));
        assertEquals(expected, read(bytes, bytes.length));
        assertEquals(expected, read(bytes, 1));
        assertEquals(expected, read(bytes, 7));
        byte[] large = serverFrame(WsFrames.TEXT, "z".repeat(70_000));
        assertEquals(List.of("1:" + "z".repeat(70_000)), read(large, 4096), "a 64-bit length, over many reads");
    }

    @Test
    @DisplayName("an unfinished frame waits for the rest")
    void unfinished() {
        byte[] frame = serverFrame(WsFrames.TEXT, "hello");
        List<String> frames = new ArrayList<>();
        WsFrames.Reader reader = new WsFrames.Reader();
        reader.feed(frame, 0, frame.length - 1, (opcode, payload, offset, length) -> frames.add("early"));
        assertEquals(List.of(), frames);
        reader.feed(frame, frame.length - 1, 1, (opcode, payload, offset, length) ->
                frames.add(new String(payload, offset, length, StandardCharsets.UTF_8)));
        assertEquals(List.of("hello"), frames);
    }
}
