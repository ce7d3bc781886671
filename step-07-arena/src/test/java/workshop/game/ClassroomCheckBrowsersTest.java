package workshop.game;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;

@DisplayName("Classroom check: two pages play in headless Chromium, and each sees the other move")
class ClassroomCheckBrowsersTest {

    @Test
    @DisplayName("ada and bob join from two browsers; each one's arrow keys move a dot on the other's screen")
    void twoPagesPlay() throws Exception {
        try (GameServer server = new GameServer(); Page ada = Page.open(); Page bob = Page.open()) {
            ada.load(server.page(""));
            bob.load(server.page(""));
            ada.join("ada");
            bob.join("bob");
            seesMove(ada, bob, "bob");
            seesMove(bob, ada, "ada");
            ada.screenshot(Path.of("target", "screenshots", "two-pages.png"));
            assertEquals(List.of(), ada.scriptErrors(), "errors in ada's page");
            assertEquals(List.of(), bob.scriptErrors(), "errors in bob's page");
        }
    }

    /** The mover holds an arrow key towards the middle; the watcher's drawing of the mover must follow. */
    private static void seesMove(Page mover, Page watcher, String who) {
        long id = ((Number) mover.script("return game.me")).longValue();
        await().atMost(Bot.PATIENCE).until(() -> watcher.map("return game.drawn").containsKey(String.valueOf(id)));
        double start = x(watcher, id);
        Keys key = start < Limits.ARENA_WIDTH / 2.0 ? Keys.ARROW_RIGHT : Keys.ARROW_LEFT;
        mover.hold(key);
        try {
            await().atMost(Bot.PATIENCE).until(() -> Math.abs(x(watcher, id) - start) >= 60);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(who + " held " + key.name() + " but the other page still draws them near x = " + start + " (now " + x(watcher, id) + ")");
        } finally {
            mover.release(key);
        }
    }

    private static double x(Page page, long id) {
        Map<String, Object> drawn = page.map("return game.drawn");
        @SuppressWarnings("unchecked")
        Map<String, Object> position = (Map<String, Object>) drawn.get(String.valueOf(id));
        return position == null ? Double.NaN : ((Number) position.get("x")).doubleValue();
    }
}
