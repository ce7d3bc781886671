package workshop.handshake;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Keeps a copy of the bytes read through it, so the server can log each frame as it came. */
final class Wiretap extends FilterInputStream {

    private final ByteArrayOutputStream seen = new ByteArrayOutputStream();

    Wiretap(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b != -1) {
            seen.write(b);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int count = super.read(buffer, offset, length);
        if (count > 0) {
            seen.write(buffer, offset, count);
        }
        return count;
    }

    /** The bytes read since the last call. */
    byte[] takeBytes() {
        byte[] bytes = seen.toByteArray();
        seen.reset();
        return bytes;
    }
}
