package workshop.game;

import java.util.List;
import java.util.Map;

/**
 * The rules of one tick. The server is the authority: it alone runs this, and a client's inputs
 * say which keys were held, never where anyone is.
 */
public final class Arena {

    private Arena() {
    }

    /**
     * Moves the match on by one tick: every player's inputs of this tick in the order they were sent,
     * then the bumps, then the coins. Uses nothing but its arguments (no clock, no {@code Math.random},
     * no order of a {@code HashMap}): the same state and inputs give the same next state every time.
     *
     * @param inputs each player's inputs received since the last tick, by player id, oldest first
     * @param dtMillis how long one input lasts: {@link Limits#TICK}
     */
    public static void step(GameState state, Map<Integer, List<Input>> inputs, int dtMillis) {
        // TODO 1: tick + 1; in id order, Physics.move each player by each of its inputs (lastInput = seq); Physics.separate; coins: Physics.touches gives score + 1 and state.placeCoin
        throw new UnsupportedOperationException("TODO 1: Arena.step");
    }
}
