package workshop.game;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A snapshot: what every connection of a match receives each tick, as one binary message. The
 * layout, big-endian (network order, and what JavaScript's {@code DataView} reads by default):
 *
 * <pre>
 * header, 8 bytes:   u8 opcode (0x10)  u8 match  i32 tick  u8 player count  u8 coin count
 * each player, 11:   u8 id  i16 x  i16 y  i16 score  i32 last input applied
 * each coin, 4:      i16 x  i16 y
 * </pre>
 *
 * A full match (16 players, 6 coins) is 208 bytes, within {@link Limits#SNAPSHOT_BUDGET_BYTES}. The
 * same data as JSON is about five times as big (see the README's figures).
 *
 * <p>{@link SnapshotEncoder} writes it (Task 3); this reads it, as the page's {@code game.js} does.
 */
public record Snapshot(int match, int tick, List<PlayerView> players, List<CoinView> coins) {

    public static final byte OPCODE = 0x10;
    public static final int HEADER_BYTES = 8;
    public static final int PLAYER_BYTES = 11;
    public static final int COIN_BYTES = 4;

    public record PlayerView(int id, int x, int y, int score, int lastInput) {
    }

    public record CoinView(int x, int y) {
    }

    /** The size of a snapshot with this many players and coins. */
    public static int size(int players, int coins) {
        return HEADER_BYTES + players * PLAYER_BYTES + coins * COIN_BYTES;
    }

    /** Reads a snapshot from position to limit; throws when the bytes are not one. */
    public static Snapshot decode(ByteBuffer bytes) {
        ByteBuffer in = bytes.duplicate();
        if (in.remaining() < HEADER_BYTES || in.get() != OPCODE) {
            throw new IllegalArgumentException("not a snapshot: " + bytes.remaining() + " bytes, first byte "
                    + (bytes.hasRemaining() ? String.format("0x%02x", bytes.get(bytes.position())) : "none"));
        }
        int match = Byte.toUnsignedInt(in.get());
        int tick = in.getInt();
        int playerCount = Byte.toUnsignedInt(in.get());
        int coinCount = Byte.toUnsignedInt(in.get());
        if (in.remaining() != playerCount * PLAYER_BYTES + coinCount * COIN_BYTES) {
            throw new IllegalArgumentException("a snapshot with " + playerCount + " players and " + coinCount
                    + " coins is " + size(playerCount, coinCount) + " bytes; this one is " + bytes.remaining());
        }
        List<PlayerView> players = new ArrayList<>();
        for (int i = 0; i < playerCount; i++) {
            players.add(new PlayerView(Byte.toUnsignedInt(in.get()), in.getShort(), in.getShort(), in.getShort(), in.getInt()));
        }
        List<CoinView> coins = new ArrayList<>();
        for (int i = 0; i < coinCount; i++) {
            coins.add(new CoinView(in.getShort(), in.getShort()));
        }
        return new Snapshot(match, tick, players, coins);
    }
}
