package workshop.scale;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static workshop.chattest.ChatClient.string;
import static workshop.scale.GivenOneInstanceTest.texts;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import workshop.chattest.ChatClient;
import workshop.chattest.Page;
import workshop.progress.Hint;

@DisplayName("Task 3: history and catch-up across instances: a Redis Stream whose ids are the message ids")
@Hint("RedisBroker.append: redis.eval(RedisScripts.APPEND, keys, args) returns the id; since: redis.xrange(HISTORY, \"(\" + lastId, \"+\", HISTORY_SIZE)")
class Task3HistoryTest {

    @RegisterExtension
    static final TwoInstances cluster = TwoInstances.onEmptyRedis();

    @Test
    @DisplayName("a message's id is the id of its entry in the stream, and the ids increase")
    void idsAreStreamIds() {
        try (ChatClient ada = cluster.get(0).join("ada")) {
            ada.say("one");
            ada.say("two");
            String first = string(ada.nextMessage("her first message"), "id");
            String second = string(ada.nextMessage("her second message"), "id");
            assertTrue(MessageIds.isValid(first), "message.id: a Redis Stream id such as 0-1, from RedisBroker.append; got " + first);
            assertTrue(MessageIds.compare(first, second) < 0, "ids increase: " + first + " then " + second);
            assertEquals("2", cluster.redis().command("XLEN " + RedisBroker.HISTORY).substring(1), "XLEN " + RedisBroker.HISTORY + " after two messages");
            assertTrue(cluster.redis().command("XRANGE " + RedisBroker.HISTORY + " " + second + " " + second).startsWith("*1"),
                    "the stream has an entry with the id of the second message, " + second);
        }
    }

    @Test
    @DisplayName("a newcomer on instance B gets in its welcome what was said on instance A")
    void historyAcrossInstances() {
        try (ChatClient ada = cluster.get(0).join("ada")) {
            ada.say("before bob");
            ada.nextMessage("her message");
            try (ChatClient bob = cluster.get(1).connect("bob")) {
                bob.join("bob");
                JsonObject welcome = bob.expect("welcome", "bob's welcome on B");
                assertEquals(List.of("before bob"), texts(welcome.getAsJsonArray("history")),
                        "welcome.history on B: RedisBroker.since reads the stream every instance writes");
            }
        }
    }

    @Test
    @DisplayName("a page that moves from A to B with its lastId gets what it missed, and nothing twice")
    void catchUpOnAnotherInstance() {
        try (ChatClient ada = cluster.get(0).join("ada")) {
            ChatClient bob = cluster.get(0).join("bob");
            ada.say("seen on A");
            String lastId = string(bob.nextMessage("the message bob saw on A"), "id");
            bob.close();
            ada.say("missed 1");
            ada.say("missed 2");
            ada.nextMessage("seen on A");
            ada.nextMessage("missed 1");
            ada.nextMessage("missed 2");
            try (ChatClient again = cluster.get(1).connect("bob again")) {
                again.joinAfter("bob", lastId);
                JsonObject welcome = again.expect("welcome", "bob's join on B with lastId " + lastId);
                assertEquals(List.of("missed 1", "missed 2"), texts(welcome.getAsJsonArray("history")),
                        "welcome.history after lastId " + lastId + ": XRANGE from \"(\" + lastId, exclusive");
                assertEquals(0, welcome.get("missed").getAsLong(), "welcome.missed: all of it is still in the stream");
            }
        }
    }

    @Test
    @DisplayName("in a real browser: a tab whose instance stops moves to another one and shows what it missed, once")
    void pageMovesAndCatchesUp() throws IOException {
        int portA = freePort();
        int portC = freePort();
        // The page knows A and C; C starts only once A is gone, so what bob says meanwhile reaches ada by catch-up alone.
        List<String> pages = List.of("localhost:" + portA, "localhost:" + portC);
        Instance a = Instance.onRedis("A'", cluster.redis(), pages, portA);
        cluster.add(a);
        try (Page ada = Page.open(); ChatClient bob = cluster.get(1).join("bob")) {
            ada.load(a.page());
            ada.join("ada");
            bob.nextOf("joined", "ada's page joined on A'");
            bob.say("before");
            awaitMessages(ada, List.of("bob: before"), "bob's message, through Redis");

            a.close();
            bob.say("while ada is away");
            bob.nextMessage("bob's own message, in the stream now");
            cluster.add(Instance.onRedis("C'", cluster.redis(), pages, portC));
            awaitMessages(ada, List.of("bob: before", "bob: while ada is away"),
                    "the page joins C' with its lastId and must get what it missed, once (RedisBroker.since)");
            assertTrue(ada.text("status").contains(String.valueOf(portC)), "the page's status names the instance it is on now: " + ada.text("status"));
            bob.say("after");
            awaitMessages(ada, List.of("bob: before", "bob: while ada is away", "bob: after"), "bob's message after the move");
        }
    }

    @Test
    @DisplayName("when Redis loses the history, the next ids still come after the old ones, and every member gets the new messages")
    void idsNeverGoBackwards() {
        try (ChatClient ada = cluster.get(0).join("ada")) {
            ada.say("before");
            String before = string(ada.nextMessage("her message before Redis lost the history"), "id");
            // bob's welcome carries "before": the room counts him caught up to its id.
            try (ChatClient bob = cluster.get(1).join("bob")) {
                cluster.redis().flush();
                ada.say("after 1");
                ada.say("after 2");
                JsonObject first = bob.nextMessage("the first message after Redis lost the history");
                assertEquals("after 1", string(first, "text"), "bob, caught up to " + before + " by his welcome, got \""
                        + string(first, "text") + "\" (" + string(first, "id") + ") first: the message before it had an id not after "
                        + before + ", so the room took it for one he had (RedisBroker.append: ids must never go backwards)");
                assertEquals("after 2", string(bob.nextMessage("the second message after Redis lost the history"), "text"), "bob");
                String after = string(ada.nextMessage("her first message after Redis lost the history"), "id");
                assertTrue(MessageIds.compare(after, before) > 0, "an id after Redis lost the history, " + after
                        + ", comes after the one before, " + before);
            }
        }
    }

    @Test
    @DisplayName("a new id comes after the newest one the instance has seen, even when Redis's clock is behind it")
    void idAfterTheNewestSeen() {
        try (RedisBroker broker = new RedisBroker(cluster.redis().uri())) {
            String seen = "9999999999999-7";
            String id = broker.append("ada", "hi", "2026-12-03T18:00:00Z", seen);
            assertTrue(MessageIds.isValid(id), "RedisBroker.append returns the new entry's id, such as 1796000000000-1; got " + id);
            assertTrue(MessageIds.compare(id, seen) > 0, "append(..., \"" + seen + "\") on an empty Redis: the new id " + id
                    + " must come after " + seen + " (RedisScripts.APPEND's last argument)");
            String next = broker.append("ada", "again", "2026-12-03T18:00:01Z", id);
            assertEquals(MessageIds.sequence(id) + 1, MessageIds.sequence(next), "the next id counts on in the same epoch: " + id + ", " + next);
        }
    }

    private static void awaitMessages(Page page, List<String> expected, String what) {
        try {
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> page.messages().equals(expected));
        } catch (ConditionTimeoutException e) {
            assertEquals(expected, page.messages(), "the page's messages: " + what);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0)) {
            return probe.getLocalPort();
        }
    }

    @Test
    @DisplayName("the stream keeps HISTORY_SIZE messages, and a page further behind is told how many it missed")
    void trimmedAndMissed() {
        try (ChatClient ada = cluster.get(0).join("ada")) {
            ada.say("first");
            String first = string(ada.nextMessage("the first message"), "id");
            int more = Limits.HISTORY_SIZE + 4;
            Crowd.say(cluster.get(0), more);
            assertEquals(String.valueOf(Limits.HISTORY_SIZE), cluster.redis().command("XLEN " + RedisBroker.HISTORY).substring(1),
                    "XLEN after " + (more + 1) + " messages: XADD ... MAXLEN " + Limits.HISTORY_SIZE + " trims the stream");
            try (ChatClient bob = cluster.get(1).connect("bob")) {
                bob.joinAfter("bob", first);
                JsonObject welcome = bob.expect("welcome", "a join with a lastId older than the history kept");
                assertEquals(Limits.HISTORY_SIZE, welcome.getAsJsonArray("history").size(), "welcome.history: what is kept");
                assertEquals(more - Limits.HISTORY_SIZE, welcome.get("missed").getAsLong(),
                        "welcome.missed: the messages after lastId that the stream no longer keeps");
            }
        }
    }
}
