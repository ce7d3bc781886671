package workshop.game;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import workshop.progress.Hint;

@DisplayName("Task 5: the page predicts its own dot and reconciles it; it draws the others 100 ms in the past")
@Hint("predict.js: reconcile keeps the inputs after server.lastInput and replays them with Physics.move; interpolate mixes the two samples around renderTime")
class Task5PageTest {

    private static GameServer server;
    private static Page page;

    @BeforeAll
    static void open() {
        server = new GameServer();
        page = Page.open();
        page.load(server.page(""));
    }

    @AfterAll
    static void close() {
        if (page != null) {
            page.close();
        }
        server.close();
    }

    @Test
    @DisplayName("reconcile forgets the inputs the server has applied and replays the others from its position")
    void reconcile() {
        int step = Limits.SPEED * (int) Limits.TICK.toMillis() / 1000;
        List<Map<String, Object>> pending = new ArrayList<>();
        for (int seq = 1; seq <= 6; seq++) {
            pending.add(Map.of("seq", seq, "keys", Input.RIGHT));
        }
        Map<String, Object> result = page.map("return reconcile(arguments[0], arguments[1])",
                Map.of("x", 100, "y", 100, "lastInput", 3), pending);
        assertEquals(100 + 3 * step, number(result, "x"),
                "x from reconcile({x: 100, lastInput: 3}, inputs 1 to 6 with RIGHT): the server's x and inputs 4, 5, 6 replayed with Physics.move");
        assertEquals(List.of(4L, 5L, 6L), ((List<?>) result.get("pending")).stream().map(i -> ((Map<?, ?>) i).get("seq")).toList(),
                "the pending inputs left after the server applied up to input 3");
    }

    @Test
    @DisplayName("reconciliation converges: from any snapshot, replaying what is not acknowledged lands where the server will")
    void converges() {
        Random random = new Random(7);
        List<Map<String, Object>> pending = new ArrayList<>();
        List<int[]> server = new ArrayList<>();
        Player truth = new Player(1, "ada", 480, 300);
        server.add(new int[] {truth.x, truth.y});
        for (int seq = 1; seq <= 60; seq++) {
            int keys = random.nextInt(Input.ALL_KEYS + 1);
            pending.add(Map.of("seq", seq, "keys", keys));
            Physics.move(truth, keys, (int) Limits.TICK.toMillis());
            server.add(new int[] {truth.x, truth.y});
        }
        for (int acknowledged = 0; acknowledged <= 60; acknowledged += 6) {
            int[] at = server.get(acknowledged);
            Map<String, Object> result = page.map("return reconcile(arguments[0], arguments[1])",
                    Map.of("x", at[0], "y", at[1], "lastInput", acknowledged), pending);
            assertEquals(truth.x + "," + truth.y, number(result, "x") + "," + number(result, "y"),
                    "the prediction from a snapshot that acknowledges input " + acknowledged + " of 60, at (" + at[0] + ", " + at[1]
                            + "): where the server ends up after all 60 inputs");
        }
    }

    @Test
    @DisplayName("interpolate: halfway between two snapshots in time is halfway between their positions")
    void interpolates() {
        Map<String, Object> result = page.map("return interpolate(arguments[0], 1025)", samples());
        assertEquals("50,20", number(result, "x") + "," + number(result, "y"),
                "interpolate at t = 1025 between (0, 0) at t = 1000 and (100, 40) at t = 1050");
    }

    @Test
    @DisplayName("interpolate: before the first snapshot, the first; after the last, the last; with none, null")
    void ends() {
        Map<String, Object> before = page.map("return interpolate(arguments[0], 900)", samples());
        Map<String, Object> after = page.map("return interpolate(arguments[0], 2000)", samples());
        assertEquals("0,0", number(before, "x") + "," + number(before, "y"), "interpolate at t = 900, before the first sample (0, 0) at t = 1000");
        assertEquals("100,40", number(after, "x") + "," + number(after, "y"), "interpolate at t = 2000, after the last sample (100, 40) at t = 1100: no guessing ahead");
        assertEquals(null, page.script("return interpolate([], 1000)"), "interpolate with no samples");
    }

    private static List<Map<String, Object>> samples() {
        return List.of(Map.of("t", 1000, "x", 0, "y", 0), Map.of("t", 1050, "x", 100, "y", 40), Map.of("t", 1100, "x", 100, "y", 40));
    }

    private static long number(Map<String, Object> result, String key) {
        return Math.round(((Number) result.get(key)).doubleValue());
    }
}
