package workshop.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static workshop.scale.ChatClient.string;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import workshop.progress.Hint;

@DisplayName("Task 1: fan out through Redis: an event on one instance reaches the members of every instance, once")
@Hint("RedisBroker: publish does redis.publish(CHANNEL, json); subscribe does redis.subscribe(subscription, CHANNEL); onMessage hands json to listener.onEvent")
class Task1FanOutTest {

    private static RedisServer redis;
    private final List<Instance> instances = new ArrayList<>();

    @BeforeAll
    static void startRedis() {
        redis = RedisServer.start();
    }

    @AfterAll
    static void stopRedis() {
        if (redis != null) {
            redis.close();
        }
    }

    @BeforeEach
    void startInstances() {
        redis.flush();
        instances.add(Instance.onRedis("A", redis));
        instances.add(Instance.onRedis("B", redis));
    }

    @AfterEach
    void stopInstances() {
        instances.forEach(Instance::close);
    }

    @Test
    @DisplayName("a message said on instance A reaches a member on instance B, and its sender, once each")
    void acrossInstances() {
        try (ChatClient ada = instances.get(0).join("ada"); ChatClient bob = instances.get(1).join("bob")) {
            ada.say("hello from A");
            ada.say("second");
            for (ChatClient member : List.of(bob, ada)) {
                assertEquals("hello from A", string(member.nextMessage("ada's message, through Redis"), "text"),
                        member.label() + ": RedisBroker.publish puts it on the channel, and onMessage hands what comes to the room");
                assertEquals("second", string(member.nextMessage("ada's second message"), "text"),
                        member.label() + " got the first message twice: deliver it only once, when it comes back from the channel");
            }
        }
    }

    @Test
    @DisplayName("who joins on one instance is announced on the other; typing too, but not to the typist")
    void presenceEvents() {
        try (ChatClient bob = instances.get(1).join("bob"); ChatClient ada = instances.get(0).join("ada")) {
            JsonObject joined = bob.next("joined", "the notice that ada joined on instance A");
            assertEquals("ada", string(joined, "name"), "joined.name: " + joined);
            ada.typing();
            ada.say("typed");
            assertEquals("typing", ChatClient.type(bob.next("bob: ada's typing, then her message")), "bob first hears that ada types");
            assertEquals("message", ChatClient.type(ada.next("ada: her own message, not her typing")),
                    "ada: the typist does not hear her own typing (ChatRoom skips it when it comes back)");
        }
    }

    @Test
    @DisplayName("three instances: every member gets every message once, all in the same order")
    void sameOrderEverywhere() {
        instances.add(Instance.onRedis("C", redis));
        try (ChatClient ada = instances.get(0).join("ada"); ChatClient bob = instances.get(1).join("bob");
             ChatClient cy = instances.get(2).join("cy")) {
            List<ChatClient> members = List.of(ada, bob, cy);
            for (int i = 0; i < 3; i++) {
                for (ChatClient member : members) {
                    member.say(member.label() + " " + i);
                }
            }
            List<String> first = null;
            for (ChatClient member : members) {
                List<String> seen = new ArrayList<>();
                for (int i = 0; i < 9; i++) {
                    seen.add(string(member.nextMessage("message " + (i + 1) + " of 9"), "text"));
                }
                if (first == null) {
                    first = seen;
                }
                assertEquals(first, seen, member.label() + " saw the messages in another order, or some twice");
            }
        }
    }
}
