package workshop.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/** Frames as a client builds them: masked with the key of RFC 6455 §5.7's examples. */
final class ClientFrames {

    private ClientFrames() {
    }

    static byte[] maskedText(String text) {
        return masked(0x81, text.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] maskedClose(int code, String reason) {
        byte[] why = reason.getBytes(StandardCharsets.UTF_8);
        byte[] payload = new byte[2 + why.length];
        payload[0] = (byte) (code >> 8);
        payload[1] = (byte) code;
        System.arraycopy(why, 0, payload, 2, why.length);
        return masked(0x88, payload);
    }

    /** A frame with the MASK bit set and its payload XORed with the key, as RFC 6455 §5.3 says. */
    static byte[] masked(int firstByte, byte[] payload) {
        ByteArrayOutputStream frame = header(firstByte, 0x80, payload.length);
        frame.writeBytes(WireClient.MASK);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ WireClient.MASK[i % 4]);
        }
        return frame.toByteArray();
    }

    /** A frame as only a server may send it: no mask (RFC 6455 §5.1). */
    static byte[] unmasked(int firstByte, byte[] payload) {
        ByteArrayOutputStream frame = header(firstByte, 0, payload.length);
        frame.writeBytes(payload);
        return frame.toByteArray();
    }

    /** Server frames as RFC 6455 §5.7 shows them: the shortest length form, no mask. */
    static byte[] serverText(String text) {
        return unmasked(0x81, text.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] serverClose(int code) {
        return unmasked(0x88, new byte[] {(byte) (code >> 8), (byte) code});
    }

    /** Compares two server frames by what they mean and their bytes, so a failure says what came. */
    static void assertFrame(byte[] expected, byte[] actual, String what) {
        assertEquals(describe(expected), describe(actual), what);
    }

    /** A server frame in words, then in hex: {@code text "Hi" (81 02 48 69)}. */
    static String describe(byte[] frame) {
        int opcode = frame[0] & 0x0F;
        int offset = switch (frame[1] & 0x7F) {
            case 126 -> 4;
            case 127 -> 10;
            default -> 2;
        } + ((frame[1] & 0x80) != 0 ? 4 : 0);
        byte[] payload = Arrays.copyOfRange(frame, Math.min(offset, frame.length), frame.length);
        String meaning = switch (opcode) {
            case 0x0 -> "continuation " + payload(payload);
            case 0x1 -> "text " + payload(payload);
            case 0x8 -> payload.length >= 2 ? "close " + ((payload[0] & 0xFF) << 8 | (payload[1] & 0xFF)) : "close without a code";
            case 0x9 -> "ping";
            case 0xA -> "pong " + payload(payload);
            default -> "opcode 0x" + Integer.toHexString(opcode);
        };
        String flags = ((frame[0] & 0x80) == 0 ? ", without FIN" : "") + ((frame[1] & 0x80) != 0 ? ", masked" : "");
        byte[] shown = Arrays.copyOf(frame, Math.min(frame.length, 16));
        return meaning + flags + " (" + HexFormat.ofDelimiter(" ").formatHex(shown)
                + (frame.length > shown.length ? " ... " + frame.length + " bytes" : "") + ")";
    }

    /**
     * A payload as text when it is printable, shortened to 40 characters; otherwise its length and
     * first bytes in hex: a message that carries NUL bytes would make the whole test output
     * "binary" to grep and to some terminals.
     */
    private static String payload(byte[] payload) {
        String text = new String(payload, StandardCharsets.UTF_8);
        if (text.chars().anyMatch(c -> Character.isISOControl(c) || c == 0xFFFD)) {
            byte[] first = Arrays.copyOf(payload, Math.min(payload.length, 8));
            return "of " + payload.length + " bytes, not printable, starting " + HexFormat.ofDelimiter(" ").formatHex(first);
        }
        return text.length() <= 40 ? "\"" + text + "\"" : "\"" + text.substring(0, 40) + "...\" (" + payload.length + " bytes)";
    }

    private static ByteArrayOutputStream header(int firstByte, int maskBit, long length) {
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        header.write(firstByte);
        if (length <= 125) {
            header.write(maskBit | (int) length);
        } else if (length <= 0xFFFF) {
            header.write(maskBit | 126);
            header.write((int) (length >> 8));
            header.write((int) length);
        } else {
            header.write(maskBit | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                header.write((int) (length >> shift));
            }
        }
        return header;
    }
}
