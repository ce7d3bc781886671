package workshop.game;

import java.nio.ByteBuffer;

/** Packs a match's state into a {@link Snapshot}, the binary message every connection of the match gets each tick. */
public final class SnapshotEncoder {

    private SnapshotEncoder() {
    }

    /** The snapshot of the state, in the layout of {@link Snapshot}, ready to send: position 0, limit its size. */
    public static ByteBuffer encode(GameState state) {
        // Sized to the byte: a snapshot is built 20 times a second for every match.
        ByteBuffer out = ByteBuffer.allocate(Snapshot.size(state.players.size(), state.coins.size()));
        // ByteBuffer writes big-endian, network order, which is also what DataView reads by default.
        out.put(Snapshot.OPCODE)
                .put((byte) state.match)
                .putInt(state.tick)
                .put((byte) state.players.size())
                .put((byte) state.coins.size());
        for (Player player : state.players.values()) {
            out.put((byte) player.id)
                    .putShort((short) player.x)
                    .putShort((short) player.y)
                    .putShort((short) Math.min(player.score, Short.MAX_VALUE))
                    .putInt(player.lastInput);
        }
        for (Coin coin : state.coins) {
            out.putShort((short) coin.x).putShort((short) coin.y);
        }
        return out.flip();
    }
}
