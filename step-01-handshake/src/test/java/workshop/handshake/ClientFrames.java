package workshop.handshake;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

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
