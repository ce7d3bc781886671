package workshop.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static workshop.chattest.ChatClient.string;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import workshop.chattest.ChatClient;

/** What the given room does on the in-memory cluster: step 4's chat, with message ids and catch-up. */
@DisplayName("Given: one instance on the in-memory cluster is a whole chat, with ids and catch-up")
class GivenOneInstanceTest {

    private final Instance instance = Instance.local();

    @AfterEach
    void stop() {
        instance.close();
    }

    @Test
    @DisplayName("every message has an id, and the ids increase")
    void ids() {
        try (ChatClient ada = instance.join("ada")) {
            ada.say("one");
            ada.say("two");
            String first = string(ada.nextMessage("her first message"), "id");
            String second = string(ada.nextMessage("her second message"), "id");
            assertTrue(MessageIds.isValid(first), "a message id looks like a Redis Stream id, 0-1; got " + first);
            assertTrue(MessageIds.compare(first, second) < 0, "ids increase: " + first + " then " + second);
        }
    }

    @Test
    @DisplayName("a join with lastId gets what came after it, and no more")
    void catchUp() {
        try (ChatClient ada = instance.join("ada")) {
            ada.say("seen");
            String seen = string(ada.nextMessage("the message bob saw"), "id");
            ada.say("missed 1");
            ada.say("missed 2");
            ada.nextMessage("missed 1");
            ada.nextMessage("missed 2");

            try (ChatClient bob = instance.connect("bob")) {
                bob.joinAfter("bob", seen);
                JsonObject welcome = bob.expect("welcome", "the answer to a join with lastId");
                assertEquals(List.of("missed 1", "missed 2"), texts(welcome.getAsJsonArray("history")), "welcome.history after " + seen);
                assertEquals(0, welcome.get("missed").getAsLong(), "welcome.missed: nothing is lost");
            }
        }
    }

    @Test
    @DisplayName("a lastId that is not an id is refused with last-id-invalid")
    void badLastId() {
        try (ChatClient bob = instance.connect("bob")) {
            bob.joinAfter("bob", "yesterday");
            bob.expectError("last-id-invalid", "a join with lastId \"yesterday\"");
        }
    }

    @Test
    @DisplayName("names are unique, ignoring case")
    void uniqueNames() {
        try (ChatClient ada = instance.join("ada"); ChatClient other = instance.connect("other")) {
            other.join("ADA");
            other.expectError("name-taken", "a second ADA");
        }
    }

    @Test
    @DisplayName("a join whose history cannot be read leaves no name behind: the retry is welcomed")
    void joinFailingHalfWay() {
        Instance flaky = Instance.on(new HistoryFailsOnce());
        try (ChatClient ada = flaky.connect("ada")) {
            ada.join("ada");
            ada.expectError("degraded", "a join whose history the broker could not read");
            ada.join("ada");
            JsonObject welcome = ada.expect("welcome", "the same join again, once the history could be read");
            assertEquals("ada", string(welcome, "you"), "welcome.you: " + welcome);
        } finally {
            flaky.close();
        }
    }

    @Test
    @DisplayName("the room never waits on the broker: every broker call runs on another thread than the room's")
    void noBrokerCallOnTheRoomsThread() {
        CallsOnTheRoomsThread broker = new CallsOnTheRoomsThread();
        Instance watched = Instance.on(broker);
        try (ChatClient ada = watched.join("ada"); ChatClient bob = watched.join("bob")) {
            ada.nextOf("joined", "bob joined");
            bob.say("hi");
            ada.nextMessage("bob's message");
            bob.typing();
            ada.nextOf("typing", "bob types");
            bob.leave();
            ada.nextOf("left", "bob left");
        } finally {
            watched.close();
        }
        assertEquals(List.of(), broker.calls, "cluster calls made on the room's thread (the hub's, chat-hub): each may wait for Redis,"
                + " and every member waits with it. Run them elsewhere, and post what they answer back to the hub");
    }

    /** The in-memory cluster, noting every call made on the room's thread. */
    private static final class CallsOnTheRoomsThread implements Cluster {
        private final LocalCluster local = new LocalCluster();
        final List<String> calls = new java.util.concurrent.CopyOnWriteArrayList<>();

        private void note(String call) {
            if (Thread.currentThread().getName().equals("chat-hub")) {
                calls.add(call);
            }
        }

        @Override public void start(Listener listener) { local.start(listener); }
        @Override public void publish(String json) { note("publish"); local.publish(json); }
        @Override public boolean claim(String name) { note("claim"); return local.claim(name); }
        @Override public List<String> refresh(Collection<String> names) { note("refresh"); return local.refresh(names); }
        @Override public void release(String name) { note("release"); local.release(name); }
        @Override public List<String> online() { note("online"); return local.online(); }
        @Override public List<String> expired() { note("expired"); return local.expired(); }
        @Override public String append(String from, String text, String at, String newest) { note("append"); return local.append(from, text, at, newest); }
        @Override public History since(String lastId) { note("since"); return local.since(lastId); }
        @Override public void close() { local.close(); }
    }

    /** The in-memory cluster, except that its first {@code since} fails as a Redis that went away would. */
    private static final class HistoryFailsOnce implements Cluster {
        private final LocalCluster local = new LocalCluster();
        private boolean failed;

        @Override public void start(Listener listener) { local.start(listener); }
        @Override public void publish(String json) { local.publish(json); }
        @Override public boolean claim(String name) { return local.claim(name); }
        @Override public List<String> refresh(Collection<String> names) { return local.refresh(names); }
        @Override public void release(String name) { local.release(name); }
        @Override public List<String> online() { return local.online(); }
        @Override public List<String> expired() { return local.expired(); }
        @Override public String append(String from, String text, String at, String after) { return local.append(from, text, at, after); }
        @Override public void close() { local.close(); }

        @Override
        public synchronized History since(String lastId) {
            if (!failed) {
                failed = true;
                throw new BrokerDown("the history could not be read", new IllegalStateException("a test's broker"));
            }
            return local.since(lastId);
        }
    }

    static List<String> texts(JsonArray messages) {
        List<String> texts = new ArrayList<>();
        for (JsonElement message : messages) {
            texts.add(string(message.getAsJsonObject(), "text"));
        }
        return texts;
    }

    static List<String> names(JsonArray names) {
        List<String> list = new ArrayList<>();
        names.forEach(name -> list.add(name.getAsString()));
        return list;
    }
}
