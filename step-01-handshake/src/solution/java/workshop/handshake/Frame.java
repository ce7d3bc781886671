package workshop.handshake;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

/**
 * One WebSocket frame (RFC 6455 §5.2), its payload already unmasked. A record holding an array
 * compares arrays by identity: compare payloads with {@code Arrays.equals}.
 *
 * @param fin     whether this frame ends its message (§5.4: a message may span several frames)
 * @param opcode  what the payload is, one of the constants below (§5.2)
 * @param payload the application data
 */
public record Frame(boolean fin, int opcode, byte[] payload) {

    public static final int CONTINUATION = 0x0;
    public static final int TEXT = 0x1;
    public static final int BINARY = 0x2;
    public static final int CLOSE = 0x8;
    public static final int PING = 0x9;
    public static final int PONG = 0xA;

    /** A whole text message in one frame; RFC 6455 §5.6: text travels as UTF-8. */
    public static Frame text(String text) {
        return new Frame(true, TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    /** The payload read as UTF-8 text. */
    public String text() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    /** RFC 6455 §5.5.1: a close frame whose payload is the status code, 2 bytes, big-endian. */
    public static Frame close(int code) {
        return new Frame(true, CLOSE, new byte[] {(byte) (code >> 8), (byte) code});
    }

    /**
     * The status code a close frame carries in its first 2 bytes (§5.5.1), or
     * {@link CloseCodes#NO_STATUS_RECEIVED} when it carries none (§7.1.5).
     */
    public int closeCode() {
        if (payload.length < 2) {
            return CloseCodes.NO_STATUS_RECEIVED;
        }
        return (payload[0] & 0xFF) << 8 | (payload[1] & 0xFF);
    }

    /**
     * Whether the reason a close frame may carry after its code is UTF-8 text, as §5.5.1 requires;
     * an endpoint that gets anything else fails the connection with 1007 (§8.1).
     */
    public boolean hasValidReason() {
        if (payload.length <= 2) {
            return true;
        }
        try {
            // The decoder, unlike new String(...), refuses bad bytes rather than replacing them.
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(payload, 2, payload.length - 2));
            return true;
        } catch (CharacterCodingException notUtf8) {
            return false;
        }
    }

    @Override
    public String toString() {
        String name = switch (opcode) {
            case CONTINUATION -> "continuation";
            case TEXT -> "text";
            case BINARY -> "binary";
            case CLOSE -> "close";
            case PING -> "ping";
            case PONG -> "pong";
            default -> "opcode 0x" + Integer.toHexString(opcode);
        };
        return name + (fin ? "" : " (not final)") + " frame, " + payload.length + " bytes";
    }
}
