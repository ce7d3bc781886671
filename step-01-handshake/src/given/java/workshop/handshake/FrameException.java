package workshop.handshake;

import java.io.IOException;

/** A frame the server will not take: the close code to end the connection with, and why. */
public final class FrameException extends IOException {

    private final int closeCode;

    public FrameException(int closeCode, String reason) {
        super(reason);
        this.closeCode = closeCode;
    }

    public int closeCode() {
        return closeCode;
    }
}
