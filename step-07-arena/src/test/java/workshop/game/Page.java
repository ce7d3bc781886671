package workshop.game;

import static org.awaitility.Awaitility.await;

import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;
import workshop.browser.BrowserPage;

/** The game's page in a real, headless Chromium, driven by Selenium: joining, and the arrow keys a player holds. */
final class Page extends BrowserPage {

    private Page() {
        super(1300, 800);
    }

    /** A new headless browser window; without a browser the test is skipped (or fails in CI). */
    static Page open() {
        return new Page();
    }

    /** Loads the page and waits for the server's hello (the rules the page predicts with). */
    @Override
    public void load(String url) {
        super.load(url);
        await().atMost(Bot.PATIENCE.multipliedBy(3)).until(() -> Boolean.TRUE.equals(script("return Physics.rules !== null")));
    }

    void join(String name) {
        driver.findElement(By.id("name")).sendKeys(name, Keys.ENTER);
        await().atMost(Bot.PATIENCE).until(() -> script("return game.me") != null);
    }

    /** Holds a key down (an arrow key), as a player would. */
    void hold(Keys key) {
        new Actions(driver).keyDown(key).perform();
    }

    void release(Keys key) {
        new Actions(driver).keyUp(key).perform();
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> map(String script, Object... arguments) {
        return (Map<String, Object>) script(script, arguments);
    }
}
