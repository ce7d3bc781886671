package workshop.game;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import workshop.browser.HeadlessChrome;

/** The game's page in a real, headless Chromium, driven by Selenium. */
final class Page implements AutoCloseable {

    private final ChromeDriver driver;

    private Page(ChromeDriver driver) {
        this.driver = driver;
    }

    /** A new headless browser window; without a browser the test is skipped (or fails in CI). */
    static Page open() {
        return new Page(HeadlessChrome.start("--window-size=1300,800"));
    }

    /** Loads the page and waits for the server's hello (the rules the page predicts with). */
    void load(String url) {
        driver.get(url);
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

    Object script(String script, Object... arguments) {
        return driver.executeScript(script, arguments);
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> map(String script, Object... arguments) {
        return (Map<String, Object>) script(script, arguments);
    }

    /** Exceptions the page's scripts threw and did not catch, since the last call. */
    List<String> scriptErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::getMessage)
                .filter(message -> message.contains("Uncaught"))
                .toList();
    }

    void screenshot(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        File shot = driver.getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), file, StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void close() {
        driver.quit();
    }
}
