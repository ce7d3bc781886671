package workshop.scale;

import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import workshop.browser.HeadlessChrome;

/** The chat page in a real, headless Chromium (see {@link HeadlessChrome}). */
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

    void join(String name) {
        WebElement input = driver.findElement(By.id("name"));
        input.clear();
        input.sendKeys(name, Keys.ENTER);
    }

    /** The chat messages, as shown: "sender: text" each. */
    @SuppressWarnings("unchecked")
    List<String> messages() {
        return (List<String>) ((JavascriptExecutor) driver).executeScript("return [...document.querySelectorAll('#messages .message')]"
                + ".map(li => li.querySelector('.from').textContent + ': ' + li.querySelector('.text').textContent)");
    }

    String text(String id) {
        return driver.findElement(By.id(id)).getText();
    }

    @Override
    public void close() {
        driver.quit();
    }
}
