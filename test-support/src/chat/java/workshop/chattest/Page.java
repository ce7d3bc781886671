package workshop.chattest;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import workshop.browser.BrowserPage;

/**
 * The chat page (chat-core's chat-page.js and a step's chat.js) in a real, headless Chromium, driven
 * by Selenium: the join form, the composer, the online list and the messages. A step whose page has
 * more (step 5's login and pending list) extends it.
 */
public class Page extends BrowserPage {

    protected Page() {
        super(1000, 720);
    }

    /** A new headless browser window; without a browser the test is skipped (or fails in CI). */
    public static Page open() {
        return new Page();
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

    /**
     * How many messages of this type the page's handleServerMessage has returned from since the page
     * loaded (chat-page.js counts them). Once it has, the page shows all that message changes.
     */
    public int handled(String type) {
        return ((Number) script("return messagesHandled[arguments[0]] ?? 0", type)).intValue();
    }

    /**
     * Fails unless the name and message fields count characters as the server does: an emoji is one
     * character, where HTML's maxlength would count two UTF-16 units.
     */
    public void assertCountsCharacters(int maxNameLength, int maxTextLength) {
        String emoji = "\uD83D\uDE00";
        assertTrue(accepts("name", emoji.repeat(maxNameLength)),
                "the name field takes Limits.MAX_NAME_LENGTH emoji (data-max-chars, not maxlength, which counts UTF-16 units)");
        assertFalse(accepts("name", "x".repeat(maxNameLength + 1)), "the name field refuses one character more");
        assertTrue(accepts("text", emoji.repeat(maxTextLength)), "the message field takes Limits.MAX_TEXT_LENGTH emoji");
        assertFalse(accepts("text", emoji.repeat(maxTextLength + 1)), "the message field refuses one character more");
    }
}
