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
        boolean continuation = frame.opcode() == Frame.CONTINUATION;
        if (continuation && !started) {
            throw new FrameException(CloseCodes.PROTOCOL_ERROR, "a continuation frame, but no message was started");
        }
        if (!continuation && started) {
            // §5.4: the fragments of one message are never interleaved with those of another.
            throw new FrameException(CloseCodes.PROTOCOL_ERROR, "a new message before the last one ended");
        }
        if (message.size() + frame.payload().length > maxMessageBytes) {
            // The limit is on the message: a thousand small fragments weigh as much as one large frame.
            throw new FrameException(CloseCodes.MESSAGE_TOO_BIG,
                    "a message over " + maxMessageBytes + " bytes, in fragments");
        }
        message.writeBytes(frame.payload());
        started = !frame.fin();
        if (started) {
            return Optional.empty();
        }
        byte[] whole = message.toByteArray();
        message.reset();
        return Optional.of(whole);
    }
}
