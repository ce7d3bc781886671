package workshop.chat;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.awaitility.core.ThrowingRunnable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.WebDriverException;
import org.opentest4j.AssertionFailedError;
import workshop.chattest.ChatClient;
import workshop.chattest.Page;
import workshop.chattest.ServerLog;
import workshop.core.Limits;
import workshop.progress.Hint;

/**
 * Two real browser pages chat with each other. Without Chrome or Chromium the tests are skipped on a
 * laptop (install one, or point {@code -Dchrome.binary} at it), but fail in CI, where they must run.
 */
@DisplayName("Task 5: the page shows the chat: messages, who is online, who is typing")
@Hint("chat.js, handleServerMessage: switch on msg.type and call the helpers below it: enterRoom, showOnline, addOnline, removeOnline, show...")
class Task5BrowserTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private static Page ada;
    private static Page bob;

    private ChatServer server;

    @AfterAll
    static void closeBrowsers() {
        for (Page page : new Page[] {ada, bob}) {
            if (page != null) {
                page.close();
            }
        }
    }

    @BeforeEach
    void openPages() {
        // Opened here rather than in @BeforeAll, so that without a browser each test says why it is skipped.
        if (ada == null) {
            ada = Page.open();
        }
        if (bob == null) {
            bob = Page.open();
        }
        server = new ChatServer();
        ada.load(server.page());
        bob.load(server.page());
    }

    @AfterEach
    void stop(TestInfo test) {
        try {
            String name = test.getTestMethod().orElseThrow().getName();
            screenshot(ada, name + "-ada.png");
            screenshot(bob, name + "-bob.png");
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    /**
     * Best effort: a screenshot that fails must neither hide the test's own failure nor keep the server
     * running. An alert() left open (the very bug {@link #markupIsText} hunts) is dismissed first, or it
     * would block the screenshot and every later test on that page.
     */
    private static void screenshot(Page page, String file) {
        if (page == null) {
            return;
        }
        try {
            page.dismissAlerts();
            page.screenshot(SCREENSHOTS.resolve(file));
        } catch (IOException | WebDriverException e) {
            System.err.println("No screenshot " + file + ": " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        }
    }

    @Test
    @DisplayName("two people who join see each other in the online list")
    void onlineList() {
        ada.join("ada");
        afterHandling(ada, 1, "welcome", "ada's online list after her welcome", () -> assertEquals(List.of("ada (you)"), ada.online()));
        assertFalse(ada.isShown("join-form"), "the join form hides once the welcome came (enterRoom)");

        bob.join("bob");
        afterHandling(bob, 1, "welcome", "bob's online list after his welcome", () -> assertEquals(List.of("ada", "bob (you)"), bob.online()));
        afterHandling(ada, 1, "joined", "ada's online list after bob joined", () -> assertEquals(List.of("ada (you)", "bob"), ada.online()));
    }

    @Test
    @DisplayName("a message shows on both pages with its sender's name")
    void messages() {
        joinBoth();

        ada.say("hello bob");
        afterHandling(bob, 1, "message", "ada's message on bob's page", () -> assertEquals(List.of("ada: hello bob"), bob.messages()));
        afterHandling(ada, 1, "message", "ada's message on her own page", () -> assertEquals(List.of("ada: hello bob"), ada.messages()));

        bob.say("hi ada!");
        afterHandling(ada, 2, "message", "the conversation on ada's page",
                () -> assertEquals(List.of("ada: hello bob", "bob: hi ada!"), ada.messages()));
    }

    @Test
    @DisplayName("the other page shows who is typing, until the message arrives")
    void typingIndicator() {
        joinBoth();

        ada.type("just a sec");
        afterHandling(bob, 1, "typing", "the typing indicator on bob's page", () -> assertEquals("ada is typing…", bob.text("typing")));
        assertEquals("", ada.text("typing"), "ada's own page shows no typing indicator for herself");

        ada.say("");
        afterHandling(bob, 1, "message", "bob's page once ada's message came", () -> assertEquals(List.of("ada: just a sec"), bob.messages()));
        assertEquals("", bob.text("typing"), "the typing indicator goes once the typist's message arrives");
    }

    @Test
    @DisplayName("markup in a message or a name shows as plain text: no image, no script runs")
    void markupIsText() {
        String attack = "<img src=x onerror=alert(1)>";
        ada.join("ada");
        afterHandling(ada, 1, "welcome", "ada's welcome", () -> assertEquals(List.of("ada (you)"), ada.online()));
        bob.join("<b>bob</b>");
        afterHandling(bob, 1, "welcome", "bob's welcome", () -> assertEquals(List.of("<b>bob</b> (you)", "ada"), bob.online()));

        bob.say(attack);
        afterHandling(ada, 1, "message", "bob's message on ada's page, as the characters he typed",
                () -> assertEquals(List.of("<b>bob</b>: " + attack), ada.messages()));
        for (Page page : new Page[] {ada, bob}) {
            assertNull(page.alert(), "a message must not run script: render it with textContent, never innerHTML");
            assertEquals(0, page.count("#messages img, #online b, #messages b"), "user text must not become elements on the page");
        }
    }

    @Test
    @DisplayName("the online list follows joined and left notices, and the count with it")
    void onlineFollowsPresence() {
        joinBoth();
        try (ChatClient carol = server.join("carol")) {
            // Bob's joined notice was ada's first (joinBoth): carol's comes in a batch of its own.
            afterHandling(ada, 2, "joined", "carol on ada's page after her joined notice (addOnline)",
                    () -> assertEquals(List.of("ada (you)", "bob", "carol"), ada.online()));
            carol.leave();
        }
        afterHandling(bob, 1, "left", "bob's page after carol left (removeOnline)", () -> assertEquals(List.of("ada", "bob (you)"), bob.online()));
        assertEquals("(2)", bob.text("online-count"), "the count beside the list");
    }

    @Test
    @DisplayName("a taken name shows the server's error on the join form, and another name gets in")
    void nameTaken() {
        ada.join("ada");
        afterHandling(ada, 1, "welcome", "ada's welcome", () -> assertEquals(List.of("ada (you)"), ada.online()));

        bob.join("ADA");
        afterHandling(bob, 1, "error", "the name-taken error on bob's join form (showError)",
                () -> assertFalse(bob.text("join-error").isBlank(), "join-error shows the error's message"));
        assertTrue(bob.isShown("join-form"), "bob stays on the join form");

        bob.join("bob");
        afterHandling(bob, 1, "welcome", "bob's online list after his second try", () -> assertEquals(List.of("ada", "bob (you)"), bob.online()));
    }

    @Test
    @DisplayName("after the server restarts, the page reconnects and joins again with the same name")
    void reconnect() {
        joinBoth();
        ada.say("before the restart");
        afterHandling(bob, 1, "message", "ada's message on bob's page", () -> assertEquals(List.of("ada: before the restart"), bob.messages()));

        server.restart();

        // The new room has no history, so the second welcome empties the list. Bob is in the room
        // either in that welcome or in a joined notice after it, whichever page rejoined first.
        afterHandling(ada, 2, "welcome", "ada's messages after rejoining the restarted server", () -> assertEquals(List.of(), ada.messages()));
        eventually("ada's online list after both rejoined", () -> assertEquals(List.of("ada (you)", "bob"), ada.online()));
        ada.say("back again");
        afterHandling(bob, 2, "message", "ada's message after the restart on bob's page",
                () -> assertEquals(List.of("ada: back again"), bob.messages()));
    }

    private static void joinBoth() {
        ada.join("ada");
        afterHandling(ada, 1, "welcome", "ada's welcome", () -> assertEquals(List.of("ada (you)"), ada.online()));
        bob.join("bob");
        afterHandling(ada, 1, "joined", "both in ada's online list", () -> assertEquals(List.of("ada (you)", "bob"), ada.online()));
    }

    /**
     * Waits until the page has handled its nth message of this type, then checks what it shows, once:
     * handleServerMessage has returned, so all that message changes is on the page. A handler that
     * ignores the message fails here, at once, rather than at the end of a wait.
     */
    private static void afterHandling(Page page, int nth, String type, String what, Runnable check) {
        eventually(what, () -> {
            int handled = page.handled(type);
            assertTrue(handled >= nth, () -> "waiting for the page's " + ordinal(nth) + " \"" + type + "\" from the server ("
                    + what + "); it has handled " + handled + ": is the server sending it?");
        });
        nothingBroke();
        try {
            check.run();
        } catch (AssertionFailedError e) {
            throw new AssertionFailedError(what + ", once the page had handled the \"" + type + "\": " + e.getMessage(),
                    e.getExpected(), e.getActual(), e);
        }
    }

    private static String ordinal(int n) {
        return n + switch (n) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
    }

    /** Waits for the assertion to hold; gives up at once when waiting cannot help (see {@link #nothingBroke}). */
    private static void eventually(String what, ThrowingRunnable assertion) {
        await(what).atMost(TIMEOUT).pollInterval(Duration.ofMillis(50))
                .failFast(Task5BrowserTest::nothingBroke)
                .untilAsserted(assertion);
    }

    /**
     * Neither page ran script from a message (an open alert()) or threw an exception, nor shows
     * close code 1011, an exception on the server.
     */
    private static void nothingBroke() {
        for (Page page : new Page[] {ada, bob}) {
            assertNull(page.alert(), "an alert() opened: user text ran as script. Render it with textContent, never innerHTML");
            List<String> thrown = page.scriptErrors();
            if (!thrown.isEmpty()) {
                fail("the page's script threw (see handleServerMessage in chat.js): " + thrown.get(0));
            }
            if (page.text("status").contains("(1011)")) {
                fail("the server closed a page's connection with 1011, an exception on the server (a TODO in the Java tasks?)");
            }
        }
    }
}
