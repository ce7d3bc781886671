package workshop.echo;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static workshop.echo.Eventually.eventually;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import workshop.browser.HeadlessChrome;
import workshop.progress.Hint;

/** Drives tools/try.html, opened from disk as a learner would, against this step's server. */
@DisplayName("Try it: tools/try.html in a browser, against your server")
@Hint("it needs tasks 1, 2 and 4; then run the main class and open tools/try.html yourself")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TryPageTest {

    private static WebDriver browser;
    private EchoServer server;

    @AfterAll
    static void quitBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @BeforeEach
    void openPageAndConnect() {
        // Started here rather than in @BeforeAll, so that without a browser each test says why it is skipped.
        if (browser == null) {
            browser = HeadlessChrome.start("--window-size=1000,800");
        }
        server = TestServers.start();
        browser.get(tryPage().toUri().toString());
        WebElement url = browser.findElement(By.id("url"));
        url.clear();
        url.sendKeys(TestServers.uri(server).toString());
        browser.findElement(By.id("connect")).click();
        await("try.html connects").atMost(TestServers.WAIT).until(() ->
                "open".equals(browser.findElement(By.id("status")).getAttribute("data-state")));
    }

    @AfterEach
    void stopServer() throws InterruptedException {
        TestServers.stop(server);
    }

    @Test
    @Order(1)
    @DisplayName("a text typed in the page comes back into its log, shown as text even when it looks like HTML")
    void showsTheEcho() {
        String message = "<b>héllo</b> ✓";

        send(message);

        eventually(() ->
                assertTrue(log("received").contains(message), "the page's received messages: " + log("received")
                        + "; the echo comes from EchoServer.onMessage (task 1)"));
        assertTrue(browser.findElements(By.cssSelector("#log b")).isEmpty(),
                "a received message was rendered as HTML; try.html must use textContent");
    }

    @Test
    @Order(2)
    @DisplayName("with \"send as binary\" ticked the text goes as UTF-8 bytes and comes back as binary")
    void sendsBinary() {
        browser.findElement(By.id("binary")).click();

        send("é✓");

        eventually(() ->
                assertEquals(List.of("5 bytes: c3 a9 e2 9c 93\nas UTF-8: é✓"), log("received").stream()
                                .filter(line -> line.contains("bytes")).collect(Collectors.toList()),
                        "the page's received binary messages; the echo comes from EchoServer.onMessage(conn, ByteBuffer) (task 2)"));
    }

    @Test
    @Order(3)
    @DisplayName("when the server shuts down, the page shows close code 1001, the reason and a clean close")
    void showsTheClose() {
        TestServers.awaitConnections(server, 1);

        server.shutdown();

        eventually(() ->
                assertEquals(List.of("code 1001 (going away), reason \"server shutting down\", wasClean true"),
                        log("event").stream().filter(line -> line.startsWith("code")).collect(Collectors.toList()),
                        "the page's close event after EchoServer.shutdown() (task 4)"));
    }

    private void send(String text) {
        browser.findElement(By.id("message")).sendKeys(text);
        browser.findElement(By.id("send")).click();
    }

    /** The data column of the page's log entries of one kind: sent, received, event or error. */
    private List<String> log(String kind) {
        return browser.findElements(By.cssSelector("#log li." + kind + " .data")).stream()
                .map(WebElement::getText)
                .collect(Collectors.toList());
    }

    /** tools/try.html at the root of the repository, found from wherever the tests run. */
    private static Path tryPage() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path page = dir.resolve("tools").resolve("try.html");
            if (Files.isRegularFile(page)) {
                return page;
            }
        }
        throw new IllegalStateException("tools/try.html not found above " + Path.of("").toAbsolutePath());
    }
}
