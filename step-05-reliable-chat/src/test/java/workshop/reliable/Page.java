package workshop.reliable;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import workshop.browser.HeadlessChrome;

/** The chat page in a real, headless Chromium, driven by Selenium (see {@link HeadlessChrome}). */
final class Page implements AutoCloseable {

    private final WebDriver driver;

    private Page(WebDriver driver) {
        this.driver = driver;
    }

    /** A new headless browser window; without a browser the test is skipped (or fails in CI). */
    static Page open() {
        return new Page(HeadlessChrome.start("--window-size=1000,720"));
    }

    void load(String url) {
        driver.get(url);
    }

    void login(String name, String passphrase) {
        driver.findElement(By.id("name")).sendKeys(name);
        driver.findElement(By.id("passphrase")).sendKeys(passphrase, Keys.ENTER);
    }

    void say(String text) {
        driver.findElement(By.id("text")).sendKeys(text, Keys.ENTER);
    }

    /** The chat messages, as shown: "sender: text" each. */
    List<String> messages() {
        return strings("return [...document.querySelectorAll('#messages .message')]"
                + ".map(li => li.querySelector('.from').textContent + ': ' + li.querySelector('.text').textContent)");
    }

    /** The messages shown as pending: sent, not acknowledged yet. */
    List<String> pending() {
        return strings("return [...document.querySelectorAll('#pending .message')].map(li => li.querySelector('.text').textContent)");
    }

    String status() {
        return driver.findElement(By.id("status")).getText();
    }

    /** Puts the value in the input as typing would (an input event follows), and says whether the browser accepts it. */
    boolean accepts(String id, String value) {
        return (Boolean) script("const input = document.getElementById('" + id + "'); input.value = arguments[0];"
                + " input.dispatchEvent(new Event('input')); return input.checkValidity();", value);
    }

    /** Runs a script in the page and returns its result. */
    Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(script, arguments);
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
        File shot = ((ChromeDriver) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), file, StandardCopyOption.REPLACE_EXISTING);
    }

    @SuppressWarnings("unchecked")
    private List<String> strings(String script) {
        return (List<String>) script(script);
    }

    @Override
    public void close() {
        driver.quit();
    }
}
