package workshop.game;

/**
 * One input of a player: the keys held during one tick, and its sequence number. Never a position:
 * the server moves the player, so a client cannot put itself anywhere it likes.
 */
public record Input(int seq, int keys) {

    public static final int UP = 1;
    public static final int DOWN = 2;
    public static final int LEFT = 4;
    public static final int RIGHT = 8;
    /** Every key bit there is; any other bit in an input is a malformed input. */
    public static final int ALL_KEYS = UP | DOWN | LEFT | RIGHT;
}
