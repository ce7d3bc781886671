package workshop.chattest;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import workshop.browser.HeadlessChrome;

/**
 * The chat page (chat-core's chat-page.js and a step's chat.js) in a real, headless Chromium, driven
 * by Selenium. {@link HeadlessChrome} says where the browser and its driver are.
 */
public final class Page implements AutoCloseable {

    private final WebDriver driver;

    private Page(WebDriver driver) {
        this.driver = driver;
    }

    /** A new headless browser window; without a browser the test is skipped (or fails in CI). */
    public static Page open() {
        return new Page(HeadlessChrome.start("--window-size=1000,720"));
    }

    public void load(String url) {
        driver.get(url);
    }

    public void join(String name) {
        WebElement input = driver.findElement(By.id("name"));
        input.clear();
        input.sendKeys(name, Keys.ENTER);
    }

    public void type(String text) {
        driver.findElement(By.id("text")).sendKeys(text);
    }

    public void say(String text) {
        driver.findElement(By.id("text")).sendKeys(text, Keys.ENTER);
    }

    /** The online list, as shown. */
    public List<String> online() {
        return strings("return [...document.querySelectorAll('#online li')].map(li => li.textContent)");
    }

    /** The chat messages, as shown: "sender: text" each. */
    public List<String> messages() {
        return strings("return [...document.querySelectorAll('#messages .message')]"
                + ".map(li => li.querySelector('.from').textContent + ': ' + li.querySelector('.text').textContent)");
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
        File shot = ((ChromeDriver) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), file, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Puts the value in the input as typing would (an input event follows), and says whether the browser accepts it. */
    public boolean accepts(String id, String value) {
        return (Boolean) ((JavascriptExecutor) driver).executeScript(
                "const input = document.getElementById(arguments[0]); input.value = arguments[1];"
                        + " input.dispatchEvent(new Event('input')); return input.checkValidity();", id, value);
    }

    /** Reads the page in one script, so a list the page is rebuilding cannot go stale halfway. */
    @SuppressWarnings("unchecked")
    private List<String> strings(String script) {
        return (List<String>) ((JavascriptExecutor) driver).executeScript(script);
    }

    @Override
    public void close() {
        driver.quit();
    }
}
