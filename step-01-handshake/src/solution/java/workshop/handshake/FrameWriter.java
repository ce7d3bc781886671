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
        DataOutputStream data = new DataOutputStream(out);
        data.writeByte((frame.fin() ? 0x80 : 0) | frame.opcode());
        int length = frame.payload().length;
        if (length <= 125) {
            data.writeByte(length);
        } else if (length <= 0xFFFF) {
            data.writeByte(126);
            data.writeShort(length);
        } else {
            data.writeByte(127);
            data.writeLong(length);
        }
        data.write(frame.payload());
        data.flush();
    }
}
