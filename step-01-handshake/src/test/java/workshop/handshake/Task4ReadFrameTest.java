package workshop.handshake;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import workshop.progress.Hint;

@DisplayName("Task 4: read a client frame: FIN, opcode, mask, the three length forms")
@Hint("FrameReader.read: RFC 6455 §5.2 draws the header; unmask with payload[i] ^= key[i % 4] (§5.3)")
class Task4ReadFrameTest {

    private static final int LIMIT = Limits.MAX_PAYLOAD_BYTES;

    @Test
    @DisplayName("reads RFC 6455 §5.7's masked \"Hello\": final, text, unmasked payload")
    void readsMaskedHello() throws IOException {
        Frame frame = read(0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58);

        assertTrue(frame.fin(), "FrameReader.read: FIN is the top bit of byte 0");
        assertEquals(Frame.TEXT, frame.opcode(), "FrameReader.read: the opcode is the low 4 bits of byte 0");
        assertEquals("Hello", frame.text(), "FrameReader.read: the payload XORed with the masking key (RFC 6455 §5.3)");
    }

    @Test
    @DisplayName("reads RFC 6455 §5.7's masked pong: opcode 0xA")
    void readsMaskedPong() throws IOException {
        Frame frame = read(0x8a, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58);

        assertEquals(Frame.PONG, frame.opcode(), "FrameReader.read: the opcode of 0x8a is 0xA, pong");
        assertEquals("Hello", frame.text(), "FrameReader.read: the unmasked payload");
    }

    @Test
    @DisplayName("reads FIN = 0 in the first frame of a fragmented message")
    void readsFirstFragment() throws IOException {
        Frame frame = FrameReader.read(stream(ClientFrames.masked(0x01, bytes("Hel"))), LIMIT);

        assertFalse(frame.fin(), "FrameReader.read: byte 0 is 0x01, so FIN is 0");
        assertEquals(Frame.TEXT, frame.opcode(), "FrameReader.read: the opcode of 0x01 is text");
        assertEquals("Hel", frame.text(), "FrameReader.read: the unmasked payload");
    }

    @Test
    @DisplayName("reads a 16-bit length: 126, then 2 bytes (256 bytes, as in RFC 6455 §5.7)")
    void reads16BitLength() throws IOException {
        byte[] payload = pattern(256);

        Frame frame = FrameReader.read(stream(ClientFrames.masked(0x82, payload)), LIMIT);

        assertEquals(Frame.BINARY, frame.opcode(), "FrameReader.read: the opcode of 0x82 is binary");
        assertArrayEquals(payload, frame.payload(),
                "FrameReader.read: length 126 means the next 2 bytes hold the length, big-endian (RFC 6455 §5.2)");
    }

    @Test
    @DisplayName("reads a 64-bit length: 127, then 8 bytes (64 KiB, as in RFC 6455 §5.7)")
    void reads64BitLength() throws IOException {
        byte[] payload = pattern(65536);

        Frame frame = FrameReader.read(stream(ClientFrames.masked(0x82, payload)), LIMIT);

        assertArrayEquals(payload, frame.payload(),
                "FrameReader.read: length 127 means the next 8 bytes hold the length, big-endian (RFC 6455 §5.2)");
    }

    @Test
    @DisplayName("reads exactly one frame, leaving the next one in the stream")
    void readsOneFrameAtATime() throws IOException {
        byte[] first = ClientFrames.maskedText("one");
        byte[] second = ClientFrames.maskedText("two");
        byte[] both = new byte[first.length + second.length];
        System.arraycopy(first, 0, both, 0, first.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        InputStream in = stream(both);

        assertEquals("one", FrameReader.read(in, LIMIT).text(), "FrameReader.read: the first frame");
        assertEquals("two", FrameReader.read(in, LIMIT).text(), "FrameReader.read: the second frame, read next");
    }

    @Test
    @DisplayName("refuses an unmasked client frame with close code 1002 (RFC 6455 §5.1)")
    void refusesUnmaskedFrame() {
        FrameException refusal = assertThrows(FrameException.class,
                () -> read(0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f),
                "FrameReader.read: a client frame without the MASK bit should throw a FrameException");
        assertEquals(CloseCodes.PROTOCOL_ERROR, refusal.closeCode(), "FrameReader.read: the close code for an unmasked frame");
    }

    @Test
    @DisplayName("refuses a payload over the limit with 1009, before reading it")
    void refusesPayloadOverLimit() {
        // The header announces MAX_PAYLOAD_BYTES + 1 bytes and the masking key follows; the payload never comes.
        FrameException refusal = assertThrows(FrameException.class,
                () -> read(0x81, 0xff, 0, 0, 0, 0, 0, 1, 0, 1, 0x37, 0xfa, 0x21, 0x3d),
                "FrameReader.read: a length over maxPayloadBytes should throw a FrameException before reading the payload");
        assertEquals(CloseCodes.MESSAGE_TOO_BIG, refusal.closeCode(), "FrameReader.read: the close code for a payload too big");
    }

    @Test
    @DisplayName("refuses a 64-bit length with its top bit set with 1002 (RFC 6455 §5.2)")
    void refusesNegativeLength() {
        FrameException refusal = assertThrows(FrameException.class,
                () -> read(0x81, 0xff, 0x80, 0, 0, 0, 0, 0, 0, 5, 0x37, 0xfa, 0x21, 0x3d),
                "FrameReader.read: the top bit of a 64-bit length must be 0; if not, throw a FrameException");
        assertEquals(CloseCodes.PROTOCOL_ERROR, refusal.closeCode(), "FrameReader.read: the close code for a bad length");
    }

    @Test
    @DisplayName("refuses a ping over 125 bytes with 1002: control frames are small (RFC 6455 §5.5)")
    void refusesLongPing() {
        // A ping (0x89) whose 16-bit length announces 126 bytes; the payload never comes.
        FrameException refusal = assertThrows(FrameException.class,
                () -> read(0x89, 0xfe, 0, 126, 0x37, 0xfa, 0x21, 0x3d),
                "FrameReader.read: a control frame (opcode 0x8 and up) may carry at most 125 bytes; refuse it from its header, before reading the payload");
        assertEquals(CloseCodes.PROTOCOL_ERROR, refusal.closeCode(), "FrameReader.read: the close code for a long ping");
    }

    @Test
    @DisplayName("refuses a fragmented ping (FIN not set) with 1002: control frames come whole (RFC 6455 §5.5)")
    void refusesFragmentedPing() {
        FrameException refusal = assertThrows(FrameException.class,
                () -> read(0x09, 0x80, 0x37, 0xfa, 0x21, 0x3d),
                "FrameReader.read: a control frame (opcode 0x8 and up) must have FIN set; refuse it from its header, before reading the payload");
        assertEquals(CloseCodes.PROTOCOL_ERROR, refusal.closeCode(), "FrameReader.read: the close code for a fragmented ping");
    }

    @Test
    @DisplayName("refuses a frame with a reserved bit set with 1002 (no extension was agreed)")
    void refusesReservedBits() {
        FrameException refusal = assertThrows(FrameException.class,
                () -> read(0xc1, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58),
                "FrameReader.read: RSV1 (0x40 in byte 0) is set; without an extension that is a protocol error");
        assertEquals(CloseCodes.PROTOCOL_ERROR, refusal.closeCode(), "FrameReader.read: the close code for reserved bits");
    }

    @Test
    @DisplayName("throws EOFException when the stream ends in the middle of a frame")
    void endsMidFrame() {
        assertThrows(EOFException.class, () -> read(0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f),
                "FrameReader.read: 5 payload bytes announced, 2 came; read them fully (DataInputStream.readFully)");
    }

    private static Frame read(int... bytes) throws IOException {
        byte[] frame = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            frame[i] = (byte) bytes[i];
        }
        return FrameReader.read(stream(frame), LIMIT);
    }

    private static InputStream stream(byte[] bytes) {
        return new ByteArrayInputStream(bytes);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Bytes 0, 1, 2, ... 255, 0, 1, ...: a payload where every position can be checked. */
    static byte[] pattern(int length) {
        byte[] payload = new byte[length];
        for (int i = 0; i < length; i++) {
            payload[i] = (byte) i;
        }
        return payload;
    }
}
