package workshop.echo;

import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import workshop.browser.InstalledChrome;

/**
 * Starts a headless Chromium or Chrome through Selenium. Without a browser the tests are skipped
 * with a message, except in CI, where a missing browser is a failure (see {@link InstalledChrome}).
 */
final class Browser {

    private Browser() {
    }

    static WebDriver startHeadless() {
        Logger.getLogger("org.openqa.selenium").setLevel(Level.SEVERE);
        Path binary = InstalledChrome.browser()
                .orElseThrow(() -> InstalledChrome.unavailable("no Chromium or Chrome found; open tools/try.html by hand instead"));
        ChromeOptions options = new ChromeOptions()
                .setBinary(binary.toFile())
                .addArguments(InstalledChrome.HEADLESS_ARGUMENTS)
                .addArguments("--window-size=1000,800");
        // Without a chromedriver of its own, Selenium Manager tries to download one (needs the network).
        ChromeDriverService.Builder service = new ChromeDriverService.Builder();
        InstalledChrome.driver().ifPresent(driver -> service.usingDriverExecutable(driver.toFile()));
        try {
            return new ChromeDriver(service.build(), options);
        } catch (WebDriverException e) {
            throw InstalledChrome.unavailable("could not start " + binary + " through chromedriver: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
    }
}
