package workshop.reliable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;
import static workshop.chattest.ChatClient.string;
import static workshop.reliable.ReliableMessages.history;
import static workshop.reliable.ReliableMessages.join;

import com.google.gson.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import workshop.chattest.ChatClient;
import workshop.net.FaultProxy;
import workshop.progress.Hint;

@DisplayName("Task 1: catch up after a reconnect: every message has an id, a member coming back gets what it missed")
@Hint("History.append: the next id of a counter; History.since(lastSeen): the kept messages after it, and how many are gone")
class Task1CatchUpTest {

    private final ChatServer server = new ChatServer();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    @DisplayName("every message has an id, a decimal counter that grows by one, the same for everyone")
    void ids() {
        try (ChatClient ada = server.join("ada"); ChatClient bob = server.join("bob")) {
            ada.say("one");
            ada.say("two");
            List<String> adaIds = new ArrayList<>();
            List<String> bobIds = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                adaIds.add(string(ada.expectSkipping("message", "ada's message " + (i + 1)), "id"));
                bobIds.add(string(bob.expectSkipping("message", "ada's message " + (i + 1)), "id"));
            }
            assertEquals(List.of("1", "2"), adaIds, "the ids of the room's first two messages (History.append)");
            assertEquals(adaIds, bobIds, "everyone sees a message under the same id");
        }
    }

    @Test
    @DisplayName("a member who comes back with lastId gets exactly the messages after it, in order, and missed 0")
    void replayAfterLastId() {
        try (ChatClient ada = server.join("ada")) {
            IntStream.rangeClosed(1, 5).forEach(i -> ada.say("message " + i));
            IntStream.rangeClosed(1, 5).forEach(i -> ada.expect("message", "message " + i));
            try (ChatClient bob = server.connect("bob")) {
                bob.send(join("2"));
                JsonObject welcome = bob.expect("welcome", "bob's welcome after {\"type\":\"join\",\"lastId\":\"2\"}");
                assertEquals(List.of("message 3", "message 4", "message 5"), texts(welcome),
                        "welcome.history after lastId 2: the messages after it, oldest first (History.since): " + ChatClient.brief(welcome));
                assertEquals(0, missed(welcome), "welcome.missed when the history still holds everything after lastId: " + welcome);
            }
        }
    }

    @Test
    @DisplayName("a member cut off while others chat gets every message it missed, once and in order, after it reconnects")
    void cutAndCatchUp() throws Exception {
        try (FaultProxy proxy = FaultProxy.to(server.port());
                Member ada = Member.join(server, "ada", proxy.port());
                Member bob = Member.join(server, "bob")) {
            bob.say("before the cut");
            ada.readUntilText("before the cut");

            proxy.cut();
            for (int i = 1; i <= 5; i++) {
                bob.say("while ada is away " + i);
            }
            bob.readUntilText("while ada is away 5");

            ada.reconnect();
            List<String> expected = List.of("before the cut", "while ada is away 1", "while ada is away 2",
                    "while ada is away 3", "while ada is away 4", "while ada is away 5");
            assertEquals(expected, ada.texts(), "what ada received, before and after her reconnect with lastId: "
                    + "each message once, in the room's order (History.since)");
            assertEquals(bob.ids(), ada.ids(), "ada and bob saw the same ids");
        }
    }

    @Test
    @DisplayName("when more was missed than the history keeps, the welcome has what is kept and says how many are gone")
    void missedMoreThanKept() {
        int said = Limits.HISTORY_SIZE + 7;
        try (ChatClient ada = server.join("ada")) {
            ada.say("seen by bob");
            ada.expect("message", "the first message");
            for (int i = 1; i < said; i++) {
                server.clock.advance(Duration.ofSeconds(1)); // the rate limit lets a steady talker through
                ada.say("message " + i);
                ada.expect("message", "message " + i);
            }
            try (ChatClient bob = server.connect("bob")) {
                bob.send(join("1"));
                JsonObject welcome = bob.expect("welcome", "bob's welcome after lastId 1, " + (said - 1) + " messages later");
                List<String> texts = texts(welcome);
                assertEquals(Limits.HISTORY_SIZE, texts.size(), "welcome.history holds what the room keeps, Limits.HISTORY_SIZE messages");
                assertEquals("message " + (said - 1), texts.get(texts.size() - 1), "the newest message comes last");
                assertEquals(said - 1 - Limits.HISTORY_SIZE, missed(welcome),
                        "welcome.missed: messages after lastId 1 that are no longer kept: " + ChatClient.brief(welcome));
            }
        }
    }

    @Test
    @DisplayName("a newcomer, without lastId, gets every message kept and missed 0")
    void newcomer() {
        try (ChatClient ada = server.join("ada")) {
            ada.say("hello");
            ada.expect("message", "ada's message");
            try (ChatClient bob = server.connect("bob")) {
                bob.send(join(null));
                JsonObject welcome = bob.expect("welcome", "bob's welcome");
                assertEquals(List.of("hello"), texts(welcome), "a newcomer's welcome.history");
                assertEquals("1", string(history(welcome).get(0), "id"), "the history's messages have their ids");
                assertEquals(0, missed(welcome), "welcome.missed for a newcomer");
            }
        }
    }

    @Test
    @DisplayName("a lastId this room never gave (in the future, or not a number) gets last-id-unknown; a join without one works")
    void unknownLastId() {
        try (ChatClient ada = server.join("ada")) {
            ada.say("the only message");
            ada.expect("message", "ada's message");
            try (ChatClient bob = server.connect("bob")) {
                bob.send(join("99"));
                bob.awaitError("last-id-unknown", "lastId 99 when the newest id is 1 (History.since)");
                bob.send(join("yesterday"));
                bob.awaitError("last-id-unknown", "lastId \"yesterday\", not an id (History.since)");
                bob.send(join(null));
                JsonObject welcome = bob.expect("welcome", "bob's join without lastId, after the errors");
                assertEquals(List.of("the only message"), texts(welcome), "the welcome.history after the errors");
            }
        }
    }

    static List<String> texts(JsonObject welcome) {
        assertNotNull(welcome.getAsJsonArray("history"), "a welcome has a history: " + welcome);
        return history(welcome).stream().map(message -> {
            if (!message.has("id")) {
                fail("a message in the history without an id (History.append): " + message);
            }
            return string(message, "text");
        }).toList();
    }

    static long missed(JsonObject welcome) {
        if (!welcome.has("missed")) {
            fail("a welcome without missed, a number: " + welcome);
        }
        return welcome.get("missed").getAsLong();
    }
}
