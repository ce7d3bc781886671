package workshop.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.UnexpectedAlertBehaviour;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import workshop.testing.Programs;

/**
 * A real Chrome or Chromium, headless, driven by Selenium through chromedriver: for the tests that
 * open a page. Both are found from {@code -Dchrome.binary=...} and
 * {@code -Dwebdriver.chrome.driver=...}, then on the PATH, then in the usual install places
 * (Debian's {@code /usr/bin/chromium}, macOS and Windows Chrome).
 *
 * <p>One place for every step that opens a page, so a learner sets the same two properties
 * everywhere, and a missing browser is handled the same way everywhere.
 */
public final class HeadlessChrome {

    public static final String BROWSER_PROPERTY = "chrome.binary";
    public static final String DRIVER_PROPERTY = "webdriver.chrome.driver";
    public static final String HOW_TO_CONFIGURE =
            "pass -D" + BROWSER_PROPERTY + "=/path/to/chrome and -D" + DRIVER_PROPERTY + "=/path/to/chromedriver";

    /**
     * Headless, and quiet on a closed network: without the background-networking flags Chromium
     * keeps trying to reach Google's hosts; --no-sandbox lets it run as root in CI containers.
     */
    private static final List<String> HEADLESS_ARGUMENTS = List.of(
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run");

    /**
     * Selenium logs every session's start at INFO through java.util.logging. Held in a field:
     * java.util.logging keeps loggers weakly, and a collected logger forgets its level.
     */
    private static final Logger SELENIUM_LOG = Logger.getLogger("org.openqa.selenium");

    private static final List<String> BROWSER_NAMES =
            List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome");
    private static final List<String> BROWSER_PLACES = List.of(
            "/usr/bin/chromium",
            "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
            "/Applications/Chromium.app/Contents/MacOS/Chromium",
            "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe",
            "C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe");
    private static final List<String> DRIVER_NAMES = List.of("chromedriver");
    private static final List<String> DRIVER_PLACES = List.of("/usr/bin/chromedriver");

    private HeadlessChrome() {
    }

    /**
     * Starts a headless browser; the caller quits it. Without one, the test is skipped with the
     * reason, or fails where CI is set (see {@link #unavailable}).
     */
    public static ChromeDriver start(String... extraArguments) {
        SELENIUM_LOG.setLevel(Level.SEVERE);
        Path binary = browser().orElseThrow(() -> unavailable("no Chrome or Chromium found"));
        if (!Files.isExecutable(binary) || Files.isDirectory(binary)) {
            throw unavailable(binary + " is not a program that can run");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(binary.toFile());
        options.addArguments(HEADLESS_ARGUMENTS);
        options.addArguments(extraArguments);
        // Leave any alert() open, so that a test can see it and say so.
        options.setUnhandledPromptBehaviour(UnexpectedAlertBehaviour.IGNORE);
        // Keep the page's console, so that a test can report the error a script threw.
        LoggingPreferences console = new LoggingPreferences();
        console.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, console);
        // Without a chromedriver of its own, Selenium Manager tries to download one (online only).
        ChromeDriverService.Builder service = new ChromeDriverService.Builder();
        driver().ifPresent(driver -> service.usingDriverExecutable(driver.toFile()));
        try {
            return new ChromeDriver(service.build(), options);
        } catch (WebDriverException e) {
            throw unavailable("could not start " + binary + " through chromedriver: "
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        }
    }

    /** The browser to drive, or empty when none is where we look. */
    public static Optional<Path> browser() {
        return Programs.find(BROWSER_PROPERTY, BROWSER_NAMES, BROWSER_PLACES);
    }

    /** The driver; when empty, Selenium Manager may still find or download one (online only). */
    public static Optional<Path> driver() {
        return Programs.find(DRIVER_PROPERTY, DRIVER_NAMES, DRIVER_PLACES);
    }

    /**
     * A browser test that cannot run here: a failure where the environment variable CI is set (CI
     * installs Chromium, so a missing one is a defect), a skip with the reason on a learner's laptop
     * (every task can still be done without a browser test).
     */
    public static RuntimeException unavailable(String why) {
        String message = "no browser to drive: " + why + " (" + HOW_TO_CONFIGURE + ")";
        if (System.getenv("CI") != null) {
            return Assertions.fail("CI is set, so the browser test must run, but there is " + message);
        }
        return Assumptions.abort(message);
    }
}
