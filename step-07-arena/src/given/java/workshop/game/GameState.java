package workshop.game;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Everything that is true about one match at one tick. Integers only, and a random generator that
 * is part of the state: the same state and the same inputs give the same next state on every run,
 * on every machine, and in the page, which replays its own moves with the same integer rules.
 */
public final class GameState {

    public final int match;
    public int tick;
    /** By id, in order: {@link Arena#step} visits players the same way on every run. */
    public final TreeMap<Integer, Player> players = new TreeMap<>();
    public final List<Coin> coins = new ArrayList<>();
    private int random;

    /** A new match; {@code seed} (not 0) decides where the coins fall. */
    public GameState(int match, int seed) {
        if (seed == 0) {
            throw new IllegalArgumentException("xorshift needs a seed other than 0");
        }
        this.match = match;
        this.random = seed;
        for (int i = 0; i < Limits.COINS; i++) {
            Coin coin = new Coin();
            placeCoin(coin);
            coins.add(coin);
        }
    }

    /** Puts the coin somewhere new on the field, chosen by the state's own random numbers. */
    public void placeCoin(Coin coin) {
        coin.x = Limits.COIN_RADIUS + nextRandom(Limits.ARENA_WIDTH - 2 * Limits.COIN_RADIUS);
        coin.y = Limits.COIN_RADIUS + nextRandom(Limits.ARENA_HEIGHT - 2 * Limits.COIN_RADIUS);
    }

    /** A new player with the lowest free id, somewhere on the field; null when the match is full. */
    public Player join(String name) {
        if (players.size() >= Limits.MATCH_PLAYERS) {
            return null;
        }
        int id = 1;
        while (players.containsKey(id)) {
            id++;
        }
        int x = Limits.PLAYER_RADIUS + nextRandom(Limits.ARENA_WIDTH - 2 * Limits.PLAYER_RADIUS);
        int y = Limits.PLAYER_RADIUS + nextRandom(Limits.ARENA_HEIGHT - 2 * Limits.PLAYER_RADIUS);
        Player player = new Player(id, name, x, y);
        players.put(id, player);
        return player;
    }

    /** Marsaglia's xorshift32: a few integer operations, the same in every language. */
    private int nextRandom(int bound) {
        random ^= random << 13;
        random ^= random >>> 17;
        random ^= random << 5;
        return Math.floorMod(random, bound);
    }

    /** The whole state in words: two states are the same game when these are equal. */
    @Override
    public String toString() {
        return "match " + match + " tick " + tick + " random " + random + " " + players.values() + " " + coins;
    }
}
