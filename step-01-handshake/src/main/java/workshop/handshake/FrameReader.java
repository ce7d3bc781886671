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
        // TODO 4: header bytes, length; refuse (RSV, no mask, control > 125 or not FIN, limit) before the payload; unmask
        throw new UnsupportedOperationException("TODO 4: FrameReader.read");
    }
}
