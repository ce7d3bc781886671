package workshop.handshake;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.InvalidElementStateException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import workshop.browser.HeadlessChrome;
import workshop.progress.Hint;

/** The echo page, served by the learner's server, in a real browser: what a learner does by hand. */
@DisplayName("Try it: the echo page in a real browser")
@Hint("it needs tasks 1 to 6: the page comes from your parser (task 2), the socket from your 101 (task 3), the echo from your frames (tasks 4 to 6)")
class TryPageTest {

    /** Long enough for a slow, busy laptop; a wait ends early when the page shows the line, or that it never will. */
    private static final Duration WAIT = Duration.ofSeconds(20);

    @RegisterExtension
    final TestServer server = new TestServer();

    private static WebDriver browser;

    @AfterAll
    static void quitBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @BeforeEach
    void openBrowser() {
        // Started here rather than in @BeforeAll, so that without a browser each test says why it is skipped.
        if (browser == null) {
            browser = HeadlessChrome.start("--window-size=900,700");
        }
    }

    @Test
    @DisplayName("the page at / connects, and what it sends comes back: the browser completed your handshake")
    void echoesInTheBrowser() {
        browser.get(server.page());
        awaitOutput("connected", "the page's WebSocket should open: the browser checks your 101 answer and its Sec-WebSocket-Accept");

        use("message", control -> control.sendKeys("héllo <b>bytes</b>"));
        use("send", WebElement::click);

        awaitOutput("echo: héllo <b>bytes</b>", "the browser sent a masked frame; your server should unmask it and send it back unmasked");
        assertTrue(browser.findElements(By.cssSelector("#output b")).isEmpty(), "the echo must show as text, not as HTML");
    }

    @Test
    @DisplayName("the page's Close button ends with close code 1000 from your server")
    void closesFromTheBrowser() {
        browser.get(server.page());
        awaitOutput("connected", "the page's WebSocket should open: the browser checks your 101 answer and its Sec-WebSocket-Accept");

        use("close", WebElement::click);

        awaitOutput("closed with code 1000", "the browser sent a close frame with 1000; your server should answer with a close frame carrying 1000");
    }

    private void awaitOutput(String line, String why) {
        try {
            await().atMost(WAIT).until(() -> output().lines().anyMatch(line::equals) || hopeless());
        } catch (ConditionTimeoutException e) {
            // Nothing more to do: the message below says what the page shows.
        }
        if (output().lines().noneMatch(line::equals)) {
            fail("expected the page to show \"" + line + "\", but it shows: " + output().replace("\n", " | ") + ". "
                    + why + " (the server's log says what happened)");
        }
    }

    /** The page will never show another line: there is no page, or its WebSocket closed. */
    private boolean hopeless() {
        return browser.findElements(By.id("output")).isEmpty() || output().contains("closed with code");
    }

    /** Types or clicks on the page's form, which the page disables once its WebSocket closes. */
    private void use(String id, Consumer<WebElement> action) {
        WebElement control = browser.findElement(By.id(id));
        try {
            if (!control.isEnabled()) {
                throw new InvalidElementStateException("#" + id + " is disabled");
            }
            action.accept(control);
        } catch (WebDriverException e) {
            fail("the test could not use the page's #" + id + ": the page disables its form when its WebSocket"
                    + " closes, and it shows: " + output().replace("\n", " | ")
                    + " (the server's log says why the connection ended)");
        }
    }

    /** What the page printed, or what the browser shows instead of the page. */
    private String output() {
        List<WebElement> output = browser.findElements(By.id("output"));
        return output.isEmpty()
                ? "no echo page at all (the browser got no HTML from GET /; task 2 parses that request)"
                : output.get(0).getText();
    }
}
