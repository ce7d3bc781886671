package workshop.echo;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Starts a headless Chromium or Chrome through Selenium.
 *
 * <p>Found with {@code -Dbrowser.binary=...} and {@code -Dwebdriver.chrome.driver=...}, else on the
 * PATH, else in the usual install folders. Without a browser the tests are skipped with a message,
 * except when the environment variable {@code CI} is set: there a missing browser is a failure.
 */
final class Browser {

    private static final List<String> BROWSER_NAMES =
            List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome");
    private static final List<String> BROWSER_FOLDERS = List.of(
            "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
            "/Applications/Chromium.app/Contents/MacOS/Chromium",
            "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe",
            "C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe");
    private static final String HOW_TO =
            "; pass -Dbrowser.binary=/path/to/chrome and -Dwebdriver.chrome.driver=/path/to/chromedriver";

    private Browser() {
    }

    static WebDriver startHeadless() {
        Logger.getLogger("org.openqa.selenium").setLevel(Level.SEVERE);
        Path binary = find("browser.binary", BROWSER_NAMES, BROWSER_FOLDERS)
                .orElseThrow(() -> unavailable("no Chromium or Chrome found" + HOW_TO));
        ChromeOptions options = new ChromeOptions()
                .setBinary(binary.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1000,800");
        // Without a chromedriver of its own, Selenium Manager tries to download one (needs the network).
        ChromeDriverService.Builder service = new ChromeDriverService.Builder();
        find("webdriver.chrome.driver", List.of("chromedriver"), List.of())
                .ifPresent(driver -> service.usingDriverExecutable(driver.toFile()));
        try {
            return new ChromeDriver(service.build(), options);
        } catch (WebDriverException e) {
            throw unavailable("could not start " + binary + " through chromedriver: "
                    + e.getMessage().lines().findFirst().orElse("") + HOW_TO);
        }
    }

    private static Optional<Path> find(String property, List<String> names, List<String> folders) {
        String given = System.getProperty(property);
        if (given != null) {
            return Optional.of(Path.of(given));
        }
        Stream<Path> onPath = Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(dir -> !dir.isBlank())
                .flatMap(dir -> names.stream().flatMap(name -> Stream.of(Path.of(dir, name), Path.of(dir, name + ".exe"))));
        return Stream.concat(onPath, folders.stream().map(Path::of))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /** Fails on CI, skips elsewhere: a learner without Chrome can still do every task. */
    private static RuntimeException unavailable(String why) {
        return System.getenv("CI") != null
                ? fail("CI is set, so the browser test must run, but " + why)
                : Assumptions.abort("no browser to drive (" + why + "); open tools/try.html by hand instead");
    }
}
