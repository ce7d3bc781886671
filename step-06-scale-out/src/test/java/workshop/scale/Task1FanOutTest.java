package workshop.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static workshop.chattest.ChatClient.string;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import workshop.chattest.ChatClient;
import workshop.progress.Hint;

@DisplayName("Task 1: fan out through Redis: an event on one instance reaches the members of every instance, once")
@Hint("RedisBroker: publish does redis.publish(CHANNEL, json); subscribe does redis.subscribe(subscription, CHANNEL); the subscription's first lambda hands json to listener.onEvent")
class Task1FanOutTest {

    @RegisterExtension
    static final TwoInstances cluster = TwoInstances.onEmptyRedis();

    @Test
    @DisplayName("a message said on instance A reaches a member on instance B, and its sender, once each")
    void acrossInstances() {
        try (ChatClient ada = cluster.get(0).join("ada"); ChatClient bob = cluster.get(1).join("bob")) {
            ada.say("hello from A");
            ada.say("second");
            for (ChatClient member : List.of(bob, ada)) {
                assertEquals("hello from A", string(member.nextMessage("ada's message, through Redis"), "text"),
                        member + ": RedisBroker.publish puts it on the channel, and onMessage hands what comes to the room");
                assertEquals("second", string(member.nextMessage("ada's second message"), "text"),
                        member + " got the first message twice: deliver it only once, when it comes back from the channel");
            }
        }
    }

    @Test
    @DisplayName("who joins on one instance is announced on the other; typing too, but not to the typist")
    void presenceEvents() {
        try (ChatClient bob = cluster.get(1).join("bob"); ChatClient ada = cluster.get(0).join("ada")) {
            JsonObject joined = bob.nextOf("joined", "the notice that ada joined on instance A");
            assertEquals(List.of("ada"), ChatClient.names(joined), "joined.names: " + joined);
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
        cluster.add(Instance.onRedis("C", cluster.redis()));
        try (ChatClient ada = cluster.get(0).join("ada"); ChatClient bob = cluster.get(1).join("bob");
             ChatClient cy = cluster.get(2).join("cy")) {
            List<ChatClient> members = List.of(ada, bob, cy);
            for (int i = 0; i < 3; i++) {
                for (ChatClient member : members) {
                    member.say(member + " " + i);
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
                assertEquals(first, seen, member + " saw the messages in another order, or some twice");
            }
        }
    }
}
