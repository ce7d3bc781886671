package workshop.bench;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Just enough RFC 6455 framing for a crowd of bench clients: masked client frames out, server
 * frames in. The capacity run opens thousands of connections, and a client library's threads and
 * buffers per connection would weigh more than the server being measured.
 */
final class WsFrames {

    static final int CONTINUATION = 0x0;
    static final int TEXT = 0x1;
    static final int PING = 0x9;
    static final int PONG = 0xA;

    /** Receives each complete frame; the payload is only valid during the call. */
    interface FrameHandler {
        void frame(int opcode, byte[] payload, int offset, int length);
    }

    /** The same with the frame's whole first byte: FIN (0x80), RSV1 (0x40, "compressed" in RFC 7692) and the opcode. */
    interface HeadHandler {
        void frame(int head, byte[] payload, int offset, int length);
    }

    private WsFrames() {
    }

    static ByteBuffer text(String text) {
        return frame(TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    /** A final client frame: RFC 6455 §5.3, a client masks every frame with a fresh 4-byte key. */
    static ByteBuffer frame(int opcode, byte[] payload) {
        int lengthBytes = payload.length < 126 ? 0 : payload.length <= 0xFFFF ? 2 : 8;
        ByteBuffer frame = ByteBuffer.allocate(2 + lengthBytes + 4 + payload.length);
        frame.put((byte) (0x80 | opcode));
        if (lengthBytes == 0) {
            frame.put((byte) (0x80 | payload.length));
        } else if (lengthBytes == 2) {
            frame.put((byte) (0x80 | 126)).putShort((short) payload.length);
        } else {
            frame.put((byte) (0x80 | 127)).putLong(payload.length);
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        frame.put(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.put((byte) (payload[i] ^ mask[i % 4]));
        }
        return frame.flip();
    }

    /**
     * Cuts one connection's byte stream into frames (RFC 6455 §5.2), whatever the reads split: the
     * tail of an unfinished frame waits for the next read.
     */
    static final class Reader {
        private byte[] tail = new byte[0];

        void feed(byte[] bytes, int offset, int length, FrameHandler handler) {
            feedWithHeads(bytes, offset, length, (head, payload, at, size) -> handler.frame(head & 0x0F, payload, at, size));
        }

        void feedWithHeads(byte[] bytes, int offset, int length, HeadHandler handler) {
            byte[] data = bytes;
            int at = offset;
            int end = offset + length;
            if (tail.length > 0) {
                data = Arrays.copyOf(tail, tail.length + length);
                System.arraycopy(bytes, offset, data, tail.length, length);
                at = 0;
                end = data.length;
            }
            while (true) {
                int frameLength = completeFrameLength(data, at, end);
                if (frameLength < 0) {
                    break;
                }
                int second = data[at + 1] & 0xFF;
                int lengthCode = second & 0x7F;
                int header = 2 + (lengthCode == 126 ? 2 : lengthCode == 127 ? 8 : 0);
                boolean masked = (second & 0x80) != 0;
                int payloadAt = at + header + (masked ? 4 : 0);
                int payloadLength = frameLength - (payloadAt - at);
                if (masked) {
                    for (int i = 0; i < payloadLength; i++) {
                        data[payloadAt + i] ^= data[at + header + (i % 4)];
                    }
                }
                handler.frame(data[at] & 0xFF, data, payloadAt, payloadLength);
                at += frameLength;
            }
            tail = Arrays.copyOfRange(data, at, end);
        }

        /** How long the frame at {@code at} is, header included, or -1 when it has not all arrived. */
        private static int completeFrameLength(byte[] data, int at, int end) {
            if (end - at < 2) {
                return -1;
            }
            int second = data[at + 1] & 0xFF;
            int lengthCode = second & 0x7F;
            int header = 2 + (lengthCode == 126 ? 2 : lengthCode == 127 ? 8 : 0) + ((second & 0x80) != 0 ? 4 : 0);
            if (end - at < header) {
                return -1;
            }
            long payload = lengthCode;
            if (lengthCode == 126) {
                payload = ((data[at + 2] & 0xFF) << 8) | (data[at + 3] & 0xFF);
            } else if (lengthCode == 127) {
                payload = ByteBuffer.wrap(data, at + 2, 8).getLong();
            }
            if (payload > Integer.MAX_VALUE - header) {
                throw new IllegalStateException("a frame of " + payload + " bytes: not from a server the bench knows");
            }
            return end - at < header + payload ? -1 : (int) (header + payload);
        }
    }
}
