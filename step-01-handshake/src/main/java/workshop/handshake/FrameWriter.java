package workshop.handshake;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** Writes frames the way a server sends them (RFC 6455 §5.2): never masked (§5.1). */
public final class FrameWriter {

    private FrameWriter() {
    }

    /** Writes one frame: the header with the shortest length encoding that fits, then the payload. */
    public static void write(Frame frame, OutputStream out) throws IOException {
        // TODO 5: FIN|opcode, then the length in 7, 16 or 64 bits (no mask bit), then the payload (RFC 6455 §5.2)
        throw new UnsupportedOperationException("TODO 5: FrameWriter.write");
    }
}
