package workshop.game;

import java.nio.ByteBuffer;

/** Packs a match's state into a {@link Snapshot}, the binary message every connection of the match gets each tick. */
public final class SnapshotEncoder {

    private SnapshotEncoder() {
    }

    /** The snapshot of the state, in the layout of {@link Snapshot}, ready to send: position 0, limit its size. */
    public static ByteBuffer encode(GameState state) {
        // TODO 3: allocate Snapshot.size(players, coins); put the header, each player, each coin, in the order of Snapshot's layout; flip
        throw new UnsupportedOperationException("TODO 3: SnapshotEncoder.encode");
    }
}
