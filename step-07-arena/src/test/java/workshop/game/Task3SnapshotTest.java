package workshop.game;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import workshop.progress.Hint;

@DisplayName("Task 3: the snapshot: the state packed in binary, within its budget, to every connection of the match")
@Hint("SnapshotEncoder.encode: ByteBuffer.allocate(Snapshot.size(...)), put/putShort/putInt in the order of Snapshot's layout, then flip()")
class Task3SnapshotTest {

    @Test
    @DisplayName("the buffer is ready to send: position 0, limit the snapshot's size")
    void flipped() {
        GameState state = match(2);
        ByteBuffer bytes = SnapshotEncoder.encode(state);
        assertEquals(0, bytes.position(), "the position of the buffer encode returns: flip() it after the last put");
        assertEquals(Snapshot.size(2, Limits.COINS), bytes.limit(), "the limit of the buffer, with 2 players and " + Limits.COINS + " coins: Snapshot.size(2, " + Limits.COINS + ")");
    }

    @Test
    @DisplayName("the header: opcode 0x10, the match, the tick, the counts of players and coins")
    void header() {
        GameState state = match(3);
        state.tick = 0x01020304;
        ByteBuffer bytes = SnapshotEncoder.encode(state);
        assertEquals(Snapshot.OPCODE, bytes.get(0), "byte 0: Snapshot.OPCODE");
        assertEquals(state.match, bytes.get(1), "byte 1: the match number");
        assertEquals(0x01020304, bytes.getInt(2), "bytes 2 to 5: the tick, an int, big-endian (ByteBuffer's default)");
        assertEquals(3, bytes.get(6), "byte 6: the number of players");
        assertEquals(Limits.COINS, bytes.get(7), "byte 7: the number of coins");
    }

    @Test
    @DisplayName("a snapshot survives a round trip through Snapshot.decode, the page's layout")
    void roundTrip() {
        GameState state = match(3);
        Snapshot snapshot = Snapshot.decode(SnapshotEncoder.encode(state));
        assertEquals(views(state), snapshot.players(), "the players, read back by Snapshot.decode: id, x, y, score, last input, each in the order of Snapshot's layout");
        assertEquals(state.coins.stream().map(c -> new Snapshot.CoinView(c.x, c.y)).toList(), snapshot.coins(), "the coins, read back");
        assertEquals(state.tick, snapshot.tick(), "the tick, read back");
    }

    @Test
    @DisplayName("a full match of Limits.MATCH_PLAYERS players stays within Limits.SNAPSHOT_BUDGET_BYTES, and round-trips")
    void budget() {
        GameState state = match(Limits.MATCH_PLAYERS);
        ByteBuffer bytes = SnapshotEncoder.encode(state);
        assertTrue(bytes.remaining() <= Limits.SNAPSHOT_BUDGET_BYTES,
                "a snapshot of " + Limits.MATCH_PLAYERS + " players is " + bytes.remaining() + " bytes, over the budget of " + Limits.SNAPSHOT_BUDGET_BYTES);
        assertEquals(views(state), Snapshot.decode(bytes).players(), "the " + Limits.MATCH_PLAYERS + " players, read back by Snapshot.decode");
    }

    @Test
    @DisplayName("over the wire: a spectator (a connection that sends nothing) receives every tick's snapshot, in order")
    void spectator() {
        try (GameServer server = new GameServer(); Bot ada = server.join("ada"); Bot projector = server.spectator()) {
            projector.expectSnapshot("10 snapshots of match 1 at the spectator", s -> projector.snapshots.size() >= 10);
            List<Snapshot> seen = projector.snapshotList();
            for (int i = 1; i < seen.size(); i++) {
                assertEquals(seen.get(i - 1).tick() + 1, seen.get(i).tick(), "the tick after " + seen.get(i - 1).tick() + " at the spectator");
            }
            assertEquals(ada.id(), seen.get(seen.size() - 1).players().get(0).id(), "the player in the spectator's snapshot: ada");
        }
    }

    /** A match with players spread out, scores and last inputs set, past tick 0. */
    private static GameState match(int players) {
        GameState state = new GameState(3, 99);
        state.tick = 1234;
        for (int i = 0; i < players; i++) {
            Player player = state.join("p" + i);
            player.score = 1000 + i * 7;
            player.lastInput = 70_000 + i * 31;
        }
        return state;
    }

    private static List<Snapshot.PlayerView> views(GameState state) {
        return state.players.values().stream()
                .map(p -> new Snapshot.PlayerView(p.id, p.x, p.y, p.score, p.lastInput))
                .toList();
    }
}
