package workshop.reliable;

import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;

/** The reliable chat's page: the chat page with a login form instead of a join form, and a list of pending messages. */
final class Page extends workshop.chattest.Page {

    /** A new headless browser window; without a browser the test is skipped (or fails in CI). */
    public static Page open() {
        return new Page();
    }

    void login(String name, String passphrase) {
        driver.findElement(By.id("name")).sendKeys(name);
        driver.findElement(By.id("passphrase")).sendKeys(passphrase, Keys.ENTER);
    }

    /** The messages shown as pending: sent, not acknowledged yet. */
    List<String> pending() {
        return strings("return [...document.querySelectorAll('#pending .message')].map(li => li.querySelector('.text').textContent)");
    }
}
