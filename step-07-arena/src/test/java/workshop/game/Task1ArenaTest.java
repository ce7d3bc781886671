package workshop.game;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import workshop.progress.Hint;

@DisplayName("Task 1: one tick of the game: inputs move the players, bumps push, coins score")
@Hint("Arena.step: tick + 1; Physics.move for each input of each player, in id order; Physics.separate; Physics.touches and state.placeCoin")
class Task1ArenaTest {

    private static final int DT = (int) Limits.TICK.toMillis();
    private static final int STEP = Limits.SPEED * DT / 1000;

    @Test
    @DisplayName("each input moves its player one step, in order, and the player keeps the last input's number")
    void inputsMove() {
        GameState state = new GameState(1, 7);
        Player ada = at(state.join("ada"), 300, 300);
        clearCoins(state);

        Arena.step(state, Map.of(ada.id, List.of(new Input(1, Input.RIGHT), new Input(2, Input.RIGHT), new Input(3, Input.DOWN))), DT);

        assertEquals(300 + 2 * STEP, ada.x, "x after two inputs with RIGHT held, from 300: Physics.move once per input, in Arena.step");
        assertEquals(300 + STEP, ada.y, "y after one input with DOWN held, from 300");
        assertEquals(3, ada.lastInput, "player.lastInput after inputs 1, 2, 3: the page needs it to know which of its inputs the snapshot includes");
        assertEquals(1, state.tick, "state.tick after one step from 0");
    }

    @Test
    @DisplayName("a tick passes with or without inputs")
    void tickCounts() {
        GameState state = new GameState(1, 7);
        for (int i = 0; i < 3; i++) {
            Arena.step(state, Map.of(), DT);
        }
        assertEquals(3, state.tick, "state.tick after three steps with no input at all");
    }

    @Test
    @DisplayName("a player who touches a coin scores one, and the coin moves somewhere else")
    void coins() {
        GameState state = new GameState(1, 7);
        Player ada = at(state.join("ada"), 500, 300);
        clearCoins(state);
        Coin coin = state.coins.get(0);
        coin.x = 500 + Limits.PLAYER_RADIUS;
        coin.y = 300;

        Arena.step(state, Map.of(), DT);

        assertEquals(1, ada.score, "ada's score after a tick spent on a coin: Physics.touches, then score + 1");
        assertTrue(coin.x != 500 + Limits.PLAYER_RADIUS || coin.y != 300, "the coin ada took is still where it was: state.placeCoin(coin) puts it elsewhere");
    }

    @Test
    @DisplayName("two players who overlap are pushed apart")
    void bumps() {
        GameState state = new GameState(1, 7);
        Player ada = at(state.join("ada"), 400, 300);
        Player bob = at(state.join("bob"), 410, 300);
        clearCoins(state);

        Arena.step(state, Map.of(), DT);

        long dx = bob.x - ada.x;
        long dy = bob.y - ada.y;
        assertTrue(dx * dx + dy * dy >= 4L * Limits.PLAYER_RADIUS * Limits.PLAYER_RADIUS,
                "ada at (" + ada.x + ", " + ada.y + ") and bob at (" + bob.x + ", " + bob.y + ") still overlap: call Physics.separate after the moves");
    }

    @Test
    @DisplayName("the step is deterministic: the same inputs give the same game, tick after tick")
    void deterministic() {
        GameState one = crowd();
        GameState two = crowd();
        Random random = new Random(42);
        for (int tick = 1; tick <= 300; tick++) {
            Map<Integer, List<Input>> inputs = new HashMap<>();
            for (int id = 1; id <= 6; id++) {
                List<Input> these = new ArrayList<>();
                for (int i = random.nextInt(3); i > 0; i--) {
                    these.add(new Input(tick * 4 + i, random.nextInt(Input.ALL_KEYS + 1)));
                }
                inputs.put(id, these);
            }
            Arena.step(one, inputs, DT);
            Arena.step(two, Map.copyOf(inputs), DT);
            assertEquals(one.toString(), two.toString(), "two matches with the same seed and inputs differ at tick " + tick
                    + ": Arena.step may use only its arguments (no clock, no Math.random), visiting players in id order");
        }
        assertNotEquals(crowd().toString(), one.toString(), "300 ticks of random keys left the match as it began: do the inputs move anyone?");
    }

    private static GameState crowd() {
        GameState state = new GameState(1, 2026);
        for (String name : List.of("ada", "bob", "cy", "dee", "eve", "fay")) {
            state.join(name);
        }
        return state;
    }

    private static Player at(Player player, int x, int y) {
        player.x = x;
        player.y = y;
        return player;
    }

    /** Moves the coins to a corner, out of the way of a test about something else. */
    private static void clearCoins(GameState state) {
        for (Coin coin : state.coins) {
            coin.x = Limits.COIN_RADIUS;
            coin.y = Limits.COIN_RADIUS;
        }
    }
}
