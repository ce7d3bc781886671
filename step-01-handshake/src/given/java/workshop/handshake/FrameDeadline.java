package workshop.handshake;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The read deadline of a WebSocket connection: between frames the client may be quiet as long as
 * it likes, but once a frame's first byte came, the whole frame must come within the frame timeout.
 * A client that sends half a frame header and stops gets close 1008 instead of a thread forever.
 */
final class FrameDeadline extends FilterInputStream {

    private static final long NONE = -1;

    private final Socket socket;
    private final Duration frameTimeout;
    private long deadline = NONE;

    FrameDeadline(Socket socket, InputStream in, Duration frameTimeout) {
        super(in);
        this.socket = socket;
        this.frameTimeout = frameTimeout;
    }

    /** Call before reading each frame: the clock starts again at the frame's first byte. */
    void nextFrame() {
        deadline = NONE;
    }

    @Override
    public int read() throws IOException {
        waitAtMost();
        int b;
        try {
            b = super.read();
        } catch (SocketTimeoutException e) {
            throw late();
        }
        startClock();
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        waitAtMost();
        int count;
        try {
            count = super.read(buffer, offset, length);
        } catch (SocketTimeoutException e) {
            throw late();
        }
        startClock();
        return count;
    }

    private void waitAtMost() throws IOException {
        if (deadline == NONE) {
            socket.setSoTimeout(0);
            return;
        }
        // The deadline covers the whole frame, so a client cannot stretch it a byte at a time.
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
            throw late();
        }
        socket.setSoTimeout((int) left);
    }

    private void startClock() {
        if (deadline == NONE) {
            deadline = System.nanoTime() + frameTimeout.toNanos();
        }
    }

    private FrameException late() {
        // RFC 6455 §7.4.1: 1008 is the generic code for a peer that broke this server's rules.
        return new FrameException(CloseCodes.POLICY_VIOLATION,
                "the frame was not complete within " + frameTimeout.toMillis() + " ms");
    }
}
