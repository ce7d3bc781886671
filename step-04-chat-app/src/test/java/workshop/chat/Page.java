package workshop.chat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.UnexpectedAlertBehaviour;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The chat page in a real, headless Chromium, driven by Selenium. The browser and its driver are
 * found from {@code -Dchrome.binary=...} and {@code -Dwebdriver.chrome.driver=...}, else on the PATH,
 * else at the usual install places (Debian's {@code /usr/bin/chromium} and {@code /usr/bin/chromedriver}).
 */
final class Page implements AutoCloseable {

    private static final List<String> BROWSER_NAMES =
            List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome", "chrome.exe");
    private static final List<String> BROWSER_PLACES = List.of(
            "/usr/bin/chromium",
            "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
            "/Applications/Chromium.app/Contents/MacOS/Chromium",
            "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe");
    private static final List<String> DRIVER_NAMES = List.of("chromedriver", "chromedriver.exe");
    private static final List<String> DRIVER_PLACES = List.of("/usr/bin/chromedriver");

    private final WebDriver driver;

    private Page(WebDriver driver) {
        this.driver = driver;
    }

    /** The browser to use, or empty when none is installed where we look. */
    static Optional<Path> findBrowser() {
        return find("chrome.binary", BROWSER_NAMES, BROWSER_PLACES);
    }

    /** The driver to use; when empty, Selenium Manager may still find or download one (online only). */
    static Optional<Path> findDriver() {
        return find("webdriver.chrome.driver", DRIVER_NAMES, DRIVER_PLACES);
    }

    static Page open(Path browser, Optional<Path> chromedriver) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(browser.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--window-size=1000,720");
        // Leave any alert() open, so the test can see it and say so.
        options.setUnhandledPromptBehaviour(UnexpectedAlertBehaviour.IGNORE);
        ChromeDriverService.Builder service = new ChromeDriverService.Builder();
        chromedriver.ifPresent(path -> service.usingDriverExecutable(path.toFile()));
        return new Page(new ChromeDriver(service.build(), options));
    }

    void load(String url) {
        driver.get(url);
    }

    void join(String name) {
        WebElement input = driver.findElement(By.id("name"));
        input.clear();
        input.sendKeys(name, Keys.ENTER);
    }

    void type(String text) {
        driver.findElement(By.id("text")).sendKeys(text);
    }

    void say(String text) {
        driver.findElement(By.id("text")).sendKeys(text, Keys.ENTER);
    }

    /** The online list, as shown. */
    List<String> online() {
        return strings("return [...document.querySelectorAll('#online li')].map(li => li.textContent)");
    }

    /** The chat messages, as shown: "sender: text" each. */
    List<String> messages() {
        return strings("return [...document.querySelectorAll('#messages .message')]"
                + ".map(li => li.querySelector('.from').textContent + ': ' + li.querySelector('.text').textContent)");
    }

    int count(String cssSelector) {
        return driver.findElements(By.cssSelector(cssSelector)).size();
    }

    String text(String id) {
        return driver.findElement(By.id(id)).getText();
    }

    boolean isShown(String id) {
        return driver.findElement(By.id(id)).isDisplayed();
    }

    /** The text of an open alert(), or null when there is none. */
    String alert() {
        try {
            return driver.switchTo().alert().getText();
        } catch (NoAlertPresentException none) {
            return null;
        }
    }

    void screenshot(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        File shot = ((ChromeDriver) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), file, StandardCopyOption.REPLACE_EXISTING);
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

    private static Optional<Path> find(String property, List<String> names, List<String> places) {
        String configured = System.getProperty(property);
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured));
        }
        Stream<Path> onPath = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(dir -> !dir.isBlank())
                .flatMap(dir -> names.stream().map(name -> Path.of(dir, name)));
        return Stream.concat(onPath, places.stream().map(Path::of))
                .filter(Files::isExecutable)
                .filter(path -> !Files.isDirectory(path))
                .findFirst();
    }
}
