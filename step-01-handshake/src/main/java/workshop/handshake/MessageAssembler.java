package workshop.handshake;

import java.io.ByteArrayOutputStream;
import java.util.Optional;

/**
 * Joins the frames of a fragmented text message (RFC 6455 §5.4): a text frame without FIN starts
 * it, continuation frames (opcode 0x0) carry it on, and the first one with FIN ends it. A whole
 * message is simply a text frame with FIN. Control frames may come between the fragments; they
 * never reach here, {@code HandshakeServer} answers them at once. One per connection, used by its
 * reading thread only.
 */
public final class MessageAssembler {

    private final int maxMessageBytes;
    private final ByteArrayOutputStream message = new ByteArrayOutputStream();
    private boolean started;

    public MessageAssembler(int maxMessageBytes) {
        this.maxMessageBytes = maxMessageBytes;
    }

    /**
     * Takes a text or continuation frame; returns the message's payload once a frame with FIN ends
     * it, and nothing before.
     *
     * @throws FrameException 1002 for a continuation when no message was started, or a new text
     *                        frame before the last message ended; 1009 for a message, all its
     *                        fragments together, over the limit
     */
    public Optional<byte[]> add(Frame frame) throws FrameException {
        // TODO 7: keep payloads until a frame with FIN, within maxMessageBytes (1009); 1002 for a continuation out of place
        return Optional.of(frame.payload());
    }
}
