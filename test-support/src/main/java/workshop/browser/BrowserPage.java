package workshop.browser;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * A step's page in a window of {@link HeadlessChrome}, for its tests: what every page test needs
 * (load, run a script, read an element, the errors the scripts threw, a screenshot). A step's own
 * {@code Page} extends it with what its page has: a join form, a message list, a game's keys.
 */
public class BrowserPage implements AutoCloseable {

    protected final ChromeDriver driver;

    /** A new window of this size; without a browser the test is skipped (or fails in CI). */
    protected BrowserPage(int width, int height) {
        this.driver = HeadlessChrome.start("--window-size=" + width + "," + height);
    }

    public void load(String url) {
        driver.get(url);
    }

    /** Runs a script in the page and returns its result. */
    public Object script(String script, Object... arguments) {
        return driver.executeScript(script, arguments);
    }

    /** A script's list of strings, read in one call, so that a list the page is rebuilding cannot go stale halfway. */
    @SuppressWarnings("unchecked")
    public List<String> strings(String script) {
        return (List<String>) script(script);
    }

    public int count(String cssSelector) {
        return driver.findElements(By.cssSelector(cssSelector)).size();
    }

    public String text(String id) {
        return driver.findElement(By.id(id)).getText();
    }

    public boolean isShown(String id) {
        return driver.findElement(By.id(id)).isDisplayed();
    }

    /** Puts the value in the input as typing would (an input event follows), and says whether the browser accepts it. */
    public boolean accepts(String id, String value) {
        return (Boolean) script("const input = document.getElementById(arguments[0]); input.value = arguments[1];"
                + " input.dispatchEvent(new Event('input')); return input.checkValidity();", id, value);
    }

    /** Exceptions the page's scripts threw and did not catch, since the last call. */
    public List<String> scriptErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::getMessage)
                .filter(message -> message.contains("Uncaught"))
                .toList();
    }

    /** The text of an open alert(), or null when there is none. */
    public String alert() {
        try {
            return driver.switchTo().alert().getText();
        } catch (NoAlertPresentException none) {
            return null;
        }
    }

    /** Dismisses every open alert(), so that the page can be driven again. */
    public void dismissAlerts() {
        while (alert() != null) {
            driver.switchTo().alert().dismiss();
        }
    }

    public void screenshot(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        File shot = driver.getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), file, StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void close() {
        driver.quit();
    }
}
