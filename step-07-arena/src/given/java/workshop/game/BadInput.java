package workshop.game;

/**
 * A message the game will not take. The connection is closed with {@code code} and {@code reason}
 * (RFC 6455 §7.4.1); the match goes on for everyone else.
 */
public final class BadInput extends Exception {

    /** RFC 6455 §7.4.1: a kind of data the endpoint does not take (an opcode or a type it does not know). */
    public static final int UNSUPPORTED = 1003;
    /** RFC 6455 §7.4.1: a message that breaks the rules (malformed, out of order, too many). */
    public static final int POLICY = 1008;

    public final int code;

    public BadInput(int code, String reason) {
        super(reason);
        this.code = code;
    }
}
