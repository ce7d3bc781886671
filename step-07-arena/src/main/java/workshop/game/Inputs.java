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
        // TODO 4: refuse an unknown opcode (1003), a length other than BYTES, unknown key bits, a seq not above lastSeq (1008); else the Input
        throw new UnsupportedOperationException("TODO 4: Inputs.read");
    }
}
