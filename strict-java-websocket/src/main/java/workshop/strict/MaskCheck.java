package workshop.strict;

import java.nio.ByteBuffer;

/**
 * Finds a client frame without a mask (RFC 6455 §5.1) in the bytes of one connection, however the
 * frames are split across reads. It reads only each frame's header (RFC 6455 §5.2): the second byte
 * holds the mask bit and the payload length, and the length says where the next frame starts.
 * Java-WebSocket 1.6 reads the mask bit, unmasks when it is set, and takes the frame either way.
 */
final class MaskCheck {

    /** The first two bytes of a header and up to 8 bytes of extended payload length. */
    private final byte[] header = new byte[10];
    private int headerBytes;
    /** What is left of the current frame after its header: the 4-byte mask key and the payload. */
    private long skip;

    /** Where in {@code bytes} an unmasked frame starts, or -1 when every frame so far is masked. */
    int firstUnmasked(ByteBuffer bytes) {
        int i = bytes.position();
        while (i < bytes.limit()) {
            if (skip > 0) {
                int skipped = (int) Math.min(skip, bytes.limit() - i);
                i += skipped;
                skip -= skipped;
                continue;
            }
            header[headerBytes++] = bytes.get(i++);
            if (headerBytes < 2) {
                continue;
            }
            if ((header[1] & 0x80) == 0) {
                return Math.max(bytes.position(), i - headerBytes);
            }
            int lengthBytes = switch (header[1] & 0x7F) {
                case 126 -> 2;
                case 127 -> 8;
                default -> 0;
            };
            if (headerBytes == 2 + lengthBytes) {
                skip = 4 + payloadLength(lengthBytes);
                headerBytes = 0;
            }
        }
        return -1;
    }

    private long payloadLength(int lengthBytes) {
        if (lengthBytes == 0) {
            return header[1] & 0x7F;
        }
        long length = 0;
        for (int b = 2; b < 2 + lengthBytes; b++) {
            length = length << 8 | (header[b] & 0xFF);
        }
        // A length over the message limit makes the library close the connection (1009), so any
        // large number will do here; a negative one breaks RFC 6455 §5.2 and gets the same end.
        return length < 0 ? Integer.MAX_VALUE : Math.min(length, Integer.MAX_VALUE);
    }
}
