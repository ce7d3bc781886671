package workshop.game;

import java.time.Duration;

/**
 * Every rule and limit of the game, in one place: change them here. The step README has the same
 * table, the page gets the rules of the arena in the server's hello, and the tests read these
 * constants, so they keep passing when you change a value.
 */
public final class Limits {

    /** The server steps the game this often: 20 times a second, as Colyseus and most browser games do. */
    public static final Duration TICK = Duration.ofMillis(50);

    /** A tick that starts this long after it was due is counted and logged as late. */
    public static final Duration LATE_TICK = Duration.ofMillis(10);

    /**
     * After a stall (a garbage collection, a laptop lid), the loop runs the ticks it missed, up to
     * this many at once; it skips the rest, and says so in the log. One second of game.
     */
    public static final int MAX_CATCH_UP_TICKS = 20;

    /** Players in one match; the next one to join starts a new match. */
    public static final int MATCH_PLAYERS = 16;

    /** The arena, in game units: the page draws one unit as one CSS pixel. */
    public static final int ARENA_WIDTH = 960;
    public static final int ARENA_HEIGHT = 600;
    public static final int PLAYER_RADIUS = 18;
    public static final int COIN_RADIUS = 8;

    /** Coins on the field at any time; one that is picked up reappears somewhere else. */
    public static final int COINS = 6;

    /** How far a held key moves a player, in units per second (12 units a tick at 20 Hz). */
    public static final int SPEED = 240;

    /** Two players who bump are pushed apart, and this much further. */
    public static final int BUMP_KICK = 6;

    /** Longest nickname, in characters (code points). */
    public static final int MAX_NAME_LENGTH = 16;

    /** Largest message the server reads, text or binary, in bytes; Jetty closes a bigger one with 1009. */
    public static final int MAX_MESSAGE_BYTES = 256;

    /**
     * Inputs a player may send: a token bucket of this many a second (the page sends one a tick,
     * 20)...
     */
    public static final int INPUTS_PER_SECOND = 25;

    /** ...with a burst of this many (inputs held up by the network arrive together). */
    public static final int INPUT_BURST = 20;

    /** The largest snapshot of a full match (16 players, 6 coins), in bytes: Task 3 stays within it. */
    public static final int SNAPSHOT_BUDGET_BYTES = 256;

    /**
     * Most bytes that may wait in the server for one connection. About 15 seconds of snapshots: a
     * connection that reads less than that (a spectator on a dead network, a stuck tab) is closed
     * with 1008 instead of growing the server's memory.
     */
    public static final int MAX_QUEUED_BYTES = 64 * 1024;

    /** A player sends an input every tick; one silent this long has vanished and leaves the match. */
    public static final Duration SILENCE_TIMEOUT = Duration.ofSeconds(5);

    /**
     * How often the server pings every connection: a spectator waiting for a match to begin gets no
     * snapshots, and proxies drop connections they see idle.
     */
    public static final Duration PING_INTERVAL = Duration.ofSeconds(30);

    /** When the server stops, how long Jetty gives the connections to close with 1001. */
    public static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

    private Limits() {
    }
}
