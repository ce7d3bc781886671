package workshop.game;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import workshop.progress.Hint;

@DisplayName("Task 4: inputs: six bytes with a sequence number; anything else closes that player, and the match goes on")
@Hint("Inputs.read: check the opcode first (1003), then the length, the key bits and the sequence number (1008); read with getInt/get at position + 1 and + 5")
class Task4InputsTest {

    @Test
    @DisplayName("a six-byte input gives its sequence number and keys")
    void reads() throws BadInput {
        Input input = Inputs.read(input(0x01, 70_000, Input.UP | Input.RIGHT), 69_999);
        assertEquals(new Input(70_000, Input.UP | Input.RIGHT), input, "Inputs.read of opcode 0x01, sequence 70000, keys UP|RIGHT");
    }

    @Test
    @DisplayName("an unknown opcode is refused with 1003, and the reason names it")
    void unknownOpcode() {
        BadInput bad = assertThrows(BadInput.class, () -> Inputs.read(input(0x7f, 1, 0), 0), "Inputs.read of a message with opcode 0x7f");
        assertEquals(BadInput.UNSUPPORTED, bad.code, "the close code for an unknown opcode (RFC 6455 §7.4.1: 1003, data it cannot accept)");
        assertTrue(bad.getMessage().toLowerCase().contains("0x7f"), "the reason should name the opcode 0x7f; it says: " + bad.getMessage());
    }

    @Test
    @DisplayName("a message of another length, such as an input with a position tacked on, is refused with 1008")
    void wrongLength() {
        ByteBuffer withPosition = ByteBuffer.allocate(10).put((byte) 0x01).putInt(1).put((byte) 0).putShort((short) 500).putShort((short) 300).flip();
        BadInput bad = assertThrows(BadInput.class, () -> Inputs.read(withPosition, 0), "Inputs.read of 10 bytes: an input and an x, y");
        assertEquals(BadInput.POLICY, bad.code, "the close code for an input that is not " + Inputs.BYTES + " bytes");
    }

    @Test
    @DisplayName("key bits that mean nothing are refused with 1008")
    void unknownKeys() {
        BadInput bad = assertThrows(BadInput.class, () -> Inputs.read(input(0x01, 1, 0x30), 0), "Inputs.read of keys 0x30");
        assertEquals(BadInput.POLICY, bad.code, "the close code for keys outside Input.ALL_KEYS");
    }

    @Test
    @DisplayName("a sequence number that does not go up is refused with 1008")
    void sequence() {
        BadInput bad = assertThrows(BadInput.class, () -> Inputs.read(input(0x01, 5, 0), 5), "Inputs.read of input 5 after input 5");
        assertEquals(BadInput.POLICY, bad.code, "the close code for a repeated sequence number");
    }

    @Test
    @DisplayName("over the wire: the server moves a player by its inputs, and the snapshot says which it has applied")
    void moves() {
        try (GameServer server = new GameServer(); Bot ada = server.join("ada")) {
            Snapshot.PlayerView before = mine(ada.expectSnapshot("ada's first snapshot", s -> true), ada.id());
            int step = Limits.SPEED * (int) Limits.TICK.toMillis() / 1000;
            int keys = before.x() < Limits.ARENA_WIDTH / 2 ? Input.RIGHT : Input.LEFT;
            for (int i = 0; i < 5; i++) {
                ada.input(keys);
            }
            Snapshot after = ada.expectSnapshot("a snapshot with lastInput 5 for ada", s -> mine(s, ada.id()).lastInput() == 5);
            assertEquals(before.x() + (keys == Input.RIGHT ? 5 : -5) * step, mine(after, ada.id()).x(),
                    "ada's x after 5 inputs, from " + before.x() + ": the server moves her " + step + " units an input");
        }
    }

    @Test
    @DisplayName("over the wire: an unknown opcode closes that player with 1003; the others play on")
    void badInputClosesOne() {
        try (GameServer server = new GameServer(); Bot ada = server.join("ada"); Bot mallory = server.join("mallory")) {
            mallory.sendBinary(new byte[] {0x7f, 0, 0, 0, 1, 0});
            String close = mallory.expectClose("an input with opcode 0x7f");
            assertTrue(close.startsWith("1003 "), "mallory's connection, after opcode 0x7f, was closed with: " + close);
            keepsPlaying(ada, mallory.id());
        }
    }

    @Test
    @DisplayName("over the wire: an input flood closes that player with 1008; the others play on")
    void flood() throws IOException {
        try (GameServer server = new GameServer(); Bot ada = server.join("ada"); RawFlooder flooder = new RawFlooder(server.uri(""), "flooder")) {
            flooder.flood(10 * Limits.INPUT_BURST);
            String close = flooder.expectClose();
            assertTrue(close.startsWith("1008 ") && close.toLowerCase().contains("flood"),
                    "the flooder's connection, after " + 10 * Limits.INPUT_BURST + " inputs at once, was closed with: " + close);
            keepsPlaying(ada, flooder.id);
        }
    }

    /** The player goes on getting a snapshot every tick, without the one who was closed. */
    private static void keepsPlaying(Bot player, int gone) {
        Snapshot without = player.expectSnapshot("a snapshot without player " + gone, s -> s.players().stream().noneMatch(p -> p.id() == gone));
        player.expectSnapshot("5 more ticks of the match", s -> s.tick() >= without.tick() + 5);
    }

    private static Snapshot.PlayerView mine(Snapshot snapshot, int id) {
        return snapshot.players().stream().filter(p -> p.id() == id).findFirst().orElseThrow();
    }

    private static ByteBuffer input(int opcode, int seq, int keys) {
        return ByteBuffer.allocate(Inputs.BYTES).put((byte) opcode).putInt(seq).put((byte) keys).flip();
    }
}
