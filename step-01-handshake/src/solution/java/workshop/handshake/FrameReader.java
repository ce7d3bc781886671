package workshop.handshake;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads the frames a client sends. RFC 6455 §5.2 lays a frame out as: FIN, 3 reserved bits and
 * the opcode in byte 0; the MASK bit and a 7-bit length in byte 1; 0, 2 or 8 more bytes of length;
 * a 4-byte masking key; the masked payload.
 */
public final class FrameReader {

    private FrameReader() {
    }

    /**
     * Reads one frame and unmasks its payload.
     *
     * @throws FrameException a frame the server refuses, with the close code to answer it with
     * @throws EOFException   when the stream ends, even in the middle of a frame
     */
    public static Frame read(InputStream in, int maxPayloadBytes) throws IOException {
        DataInputStream data = new DataInputStream(in);
        int first = data.readUnsignedByte();
        int second = data.readUnsignedByte();
        if ((first & 0x70) != 0) {
            // RFC 6455 §5.2: the reserved bits belong to extensions, and this server agreed to none.
            throw new FrameException(CloseCodes.PROTOCOL_ERROR, "reserved bits set");
        }
        if ((second & 0x80) == 0) {
            // RFC 6455 §5.1: a client masks every frame it sends; the server must refuse one that is not.
            throw new FrameException(CloseCodes.PROTOCOL_ERROR, "client frame not masked");
        }
        long length = second & 0x7F;
        if (length == 126) {
            length = data.readUnsignedShort();
        } else if (length == 127) {
            length = data.readLong();
        }
        if (length < 0) {
            // RFC 6455 §5.2: the most significant bit of a 64-bit length must be 0.
            throw new FrameException(CloseCodes.PROTOCOL_ERROR, "64-bit payload length with its top bit set");
        }
        int opcode = first & 0x0F;
        boolean fin = (first & 0x80) != 0;
        if (opcode >= Frame.CLOSE && (!fin || length > 125)) {
            // RFC 6455 §5.5: control frames (close, ping, pong) come whole and carry at most 125 bytes.
            throw new FrameException(CloseCodes.PROTOCOL_ERROR, "control frame fragmented or over 125 bytes");
        }
        if (length > maxPayloadBytes) {
            // Refuse before allocating: a header can announce gigabytes that never come.
            throw new FrameException(CloseCodes.MESSAGE_TOO_BIG,
                    "payload of " + length + " bytes, the limit is " + maxPayloadBytes);
        }
        byte[] mask = new byte[4];
        data.readFully(mask);
        byte[] payload = new byte[(int) length];
        data.readFully(payload);
        for (int i = 0; i < payload.length; i++) {
            // RFC 6455 §5.3: byte i of the payload is XORed with byte i mod 4 of the masking key.
            payload[i] ^= mask[i % 4];
        }
        return new Frame(fin, opcode, payload);
    }
}
