package workshop.reliable;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static workshop.chattest.ChatClient.string;
import static workshop.reliable.ReliableMessages.message;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.core.ThrowingRunnable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import workshop.chattest.ChatClient;
import workshop.net.FaultProxy;
import workshop.progress.Hint;

@DisplayName("Task 2: acknowledged sends: the sender gets an ack, and a resend is never shown twice")
@Hint("ChatRoom.say: a (sender, clientId) already in sent gets its Ack again and goes no further; a new one is remembered and acked")
class Task2AcksTest {

    private final ChatServer server = new ChatServer();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    @DisplayName("a message with a clientId gets the sender an ack with that clientId and the message's id")
    void ack() {
        try (ChatClient ada = server.join("ada"); ChatClient bob = server.join("bob")) {
            ada.send(message("hello", "c-1"));
            // A second message behind it: the hub handles ada's two in order, so when no ack comes
            // the test sees "after" in its place at once, instead of waiting out its patience.
            ada.say("after");
            JsonObject message = ada.expectSkipping("message", "ada's message");
            JsonObject ack = ada.expect("ack", "the ack of clientId c-1, after the message (ChatRoom.say)");
            assertEquals("c-1", string(ack, "clientId"), "ack.clientId: " + ack);
            assertEquals(string(message, "id"), string(ack, "id"), "ack.id is the id the message got: " + ack);

            bob.expectSkipping("message", "ada's message on bob's side");
            JsonObject next = bob.expect("message", "ada's second message: the ack went to ada only");
            assertEquals("after", string(next, "text"), "bob's next message: " + next);
        }
    }

    @Test
    @DisplayName("a resend (same sender, same clientId) reaches no one, and gets the first ack again")
    void resend() {
        try (ChatClient ada = server.join("ada"); ChatClient bob = server.join("bob")) {
            ada.send(message("only once", "c-1"));
            JsonObject first = ada.expectSkipping("ack", "the first ack of c-1");
            ada.send(message("only once", "c-1"));
            JsonObject second = ada.expect("ack", "the ack of the resend of c-1, with no message before it (ChatRoom.say)");
            assertEquals(string(first, "id"), string(second, "id"), "a resend is acknowledged with the first message's id");

            ada.send(message("the next one", "c-2"));
            assertEquals("only once", string(bob.expectSkipping("message", "ada's message"), "text"));
            assertEquals("the next one", string(bob.expect("message", "ada's next message, the resend not between them"), "text"),
                    "bob's second message: the resend must not reach him");
        }
    }

    @Test
    @DisplayName("the same clientId from another sender is another message")
    void perSender() {
        try (ChatClient ada = server.join("ada"); ChatClient bob = server.join("bob")) {
            ada.send(message("from ada", "c-1"));
            ada.expectSkipping("ack", "ada's ack");
            bob.send(message("from bob", "c-1"));
            assertEquals("from ada", string(bob.expectSkipping("message", "ada's message"), "text"));
            assertEquals("from bob", string(bob.expect("message", "bob's message with the clientId ada used"), "text"),
                    "a resend is the same sender AND the same clientId");
        }
    }

    @Test
    @DisplayName("messages that never reached the server before a cut reach everyone exactly once after the resend")
    void lostBeforeTheServer() throws Exception {
        try (FaultProxy proxy = FaultProxy.to(server.port());
                Member ada = Member.join(server, "ada", proxy.port());
                Member bob = Member.join(server, "bob")) {
            proxy.stall();
            ada.say("lost 1");
            ada.say("lost 2");
            proxy.cut();
            proxy.resume();
            bob.say("meanwhile");
            bob.readUntilText("meanwhile");

            ada.reconnect();
            ada.readUntil("the acks of the resent messages", member -> member.pending.isEmpty());
            bob.readUntilText("lost 2");
            assertEquals(List.of("meanwhile", "lost 1", "lost 2"), bob.texts(), "what bob saw: ada's resent messages, once each");
            assertEquals(List.of("meanwhile", "lost 1", "lost 2"), ada.texts(), "what ada saw after her reconnect");
        }
    }

    @Test
    @DisplayName("messages the server had, whose acks a cut swallowed, are not shown twice when they are resent")
    void ackLost() throws Exception {
        try (FaultProxy proxy = FaultProxy.to(server.port());
                Member ada = Member.join(server, "ada", proxy.port());
                Member bob = Member.join(server, "bob")) {
            proxy.stallToClients();
            ada.say("arrived 1");
            ada.say("arrived 2");
            bob.readUntilText("arrived 2");
            proxy.cut();
            proxy.resume();

            ada.reconnect();
            ada.readUntil("the acks of the resent messages", member -> member.pending.isEmpty());
            bob.say("after the resend");
            bob.readUntilText("after the resend");
            ada.readUntilText("after the resend");
            assertEquals(List.of("arrived 1", "arrived 2", "after the resend"), bob.texts(),
                    "what bob saw: the resends of messages the room had must not show again (ChatRoom.say, sent)");
            assertEquals(List.of("arrived 1", "arrived 2", "after the resend"), ada.texts(), "what ada saw: the replay, then bob");
        }
    }

    @Test
    @DisplayName("in a real browser: the tab is cut, others chat, it comes back by itself with every missed message once, and a message typed while cut is pending, then delivered once")
    void browser() throws Exception {
        try (FaultProxy proxy = FaultProxy.to(server.port()); Page page = Page.open(); Member bob = Member.join(server, "bob")) {
            try {
                page.load("http://127.0.0.1:" + proxy.port() + "/");
                page.login("ada", ChatServer.PASSPHRASE);
                bob.say("hello ada");
                eventually(page, "bob's message on ada's page", () -> assertEquals(List.of("bob: hello ada"), page.messages()));

                proxy.stall();
                proxy.cut(); // the tab's connection is gone; its attempts to come back hang until resume()
                bob.say("missed 1");
                bob.say("missed 2");
                page.say("typed while cut");
                eventually(page, "ada's message while cut, shown as pending",
                        () -> assertEquals(List.of("typed while cut"), page.pending()));
                page.screenshot(Path.of("target", "screenshots", "task2-browser-while-cut.png"));

                proxy.resume();
                List<String> expected = List.of("bob: hello ada", "bob: missed 1", "bob: missed 2", "ada: typed while cut");
                eventually(page, "ada's page after it came back by itself: every message once, hers delivered",
                        () -> {
                            assertEquals(expected, page.messages());
                            assertEquals(List.of(), page.pending(), "the pending list once the ack came");
                        });
                bob.readUntilText("typed while cut");
                assertEquals(List.of("hello ada", "missed 1", "missed 2", "typed while cut"), bob.texts(),
                        "what bob saw: ada's message once");
            } finally {
                page.screenshot(Path.of("target", "screenshots", "task2-browser.png"));
            }
        }
    }

    /** Waits for the page to show what the assertion wants; fails at once when the page's script threw. */
    static void eventually(Page page, String what, ThrowingRunnable assertion) {
        await(what).atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .failFast(() -> {
                    List<String> thrown = page.scriptErrors();
                    if (!thrown.isEmpty()) {
                        throw new AssertionError("the page's script threw: " + thrown.get(0));
                    }
                })
                .untilAsserted(assertion);
    }

    @Test
    @DisplayName("a resend flood shows the message once, and the room keeps serving")
    void resendFlood() {
        try (ChatClient ada = server.join("ada"); ChatClient bob = server.join("bob")) {
            List<String> ackIds = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                server.clock.advance(Duration.ofSeconds(1)); // within the rate limit: every resend reaches the room
                ada.send(message("again and again", "c-1"));
                ackIds.add(string(ada.expectSkipping("ack", "the ack of resend " + (i + 1)), "id"));
            }
            assertEquals(30, ackIds.stream().filter(ackIds.get(0)::equals).count(), "every resend acked with the first id: " + ackIds);
            ada.send(message("done", "c-2"));
            assertEquals("again and again", string(bob.expectSkipping("message", "the flooded message, once"), "text"));
            assertEquals("done", string(bob.expectSkipping("message", "ada's message after the flood"), "text"),
                    "bob's next message after the flood: the resends must not reach him");
            assertTrue(server.log.troubles().isEmpty(), "the server's log reports trouble: " + server.log.troubles());
        }
    }
}
