package workshop.game;

import java.nio.ByteBuffer;

/**
 * Reads what a player sends in binary: one input per message, six bytes, big-endian:
 *
 * <pre>
 * u8 opcode (0x01)   i32 sequence number   u8 keys (bits: 1 up, 2 down, 4 left, 8 right)
 * </pre>
 *
 * No position and no time: the server decides both.
 */
public final class Inputs {

    public static final byte OPCODE = 0x01;
    public static final int BYTES = 6;

    private Inputs() {
    }

    /**
     * The input in the message, checked.
     *
     * @param lastSeq the sequence number of this player's previous input (0 before the first)
     * @throws BadInput with 1003 for an opcode other than {@link #OPCODE}; with 1008 for a message that
     *     is not {@link #BYTES} long, keys other than {@link Input#ALL_KEYS}, or a sequence number not
     *     above {@code lastSeq}
     */
    public static Input read(ByteBuffer message, int lastSeq) throws BadInput {
        if (!message.hasRemaining()) {
            throw new BadInput(BadInput.POLICY, "An empty message: an input is " + BYTES + " bytes.");
        }
        byte opcode = message.get(message.position());
        if (opcode != OPCODE) {
            throw new BadInput(BadInput.UNSUPPORTED, String.format("Unknown opcode 0x%02x: a player sends inputs (0x01) only.", opcode));
        }
        if (message.remaining() != BYTES) {
            throw new BadInput(BadInput.POLICY, "An input is " + BYTES + " bytes (opcode, sequence, keys); this one is " + message.remaining() + ".");
        }
        int seq = message.getInt(message.position() + 1);
        int keys = Byte.toUnsignedInt(message.get(message.position() + 5));
        if ((keys & ~Input.ALL_KEYS) != 0) {
            throw new BadInput(BadInput.POLICY, "Keys " + keys + " has bits other than up 1, down 2, left 4, right 8.");
        }
        // Sequence numbers let the page know which of its inputs a snapshot includes; one that goes
        // back would make it replay moves the server already made.
        if (seq <= lastSeq) {
            throw new BadInput(BadInput.POLICY, "Input " + seq + " after input " + lastSeq + ": sequence numbers must go up.");
        }
        return new Input(seq, keys);
    }
}
