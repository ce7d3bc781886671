package workshop.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.awaitility.Awaitility.await;
import static workshop.chattest.ChatClient.string;
import static workshop.scale.GivenOneInstanceTest.names;

import com.google.gson.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import workshop.chattest.ChatClient;
import workshop.progress.Hint;

@DisplayName("Task 2: one room, many instances: names unique across them, and a crashed instance's members leave in time")
@Hint("RedisBroker: claim with SET key NX PX + ZADD ONLINE; refresh and release run RedisScripts.REFRESH, RELEASE; online is ZRANGEBYSCORE now +inf; expired ZREMs the stale ones")
class Task2PresenceTest {

    @RegisterExtension
    static final TwoInstances cluster = TwoInstances.onEmptyRedis();

    @Test
    @DisplayName("a name taken on instance A is refused on instance B, ignoring case")
    void uniqueAcrossInstances() {
        try (ChatClient ada = cluster.get(0).join("ada"); ChatClient other = cluster.get(1).connect("other")) {
            other.join("ADA");
            other.expectError("name-taken", "ADA on instance B while ada is on A: RedisBroker.claim, SET ... NX");
        }
    }

    @Test
    @DisplayName("the welcome on instance B lists who is on instance A")
    void onlineAcrossInstances() {
        try (ChatClient ada = cluster.get(0).join("ada"); ChatClient bob = cluster.get(1).connect("bob")) {
            bob.join("bob");
            JsonObject welcome = bob.expect("welcome", "bob's welcome on B");
            assertEquals(List.of("ada", "bob"), names(welcome.getAsJsonArray("online")),
                    "welcome.online on B: RedisBroker.online lists the names of every instance");
        }
    }

    @Test
    @DisplayName("whoever leaves on A leaves B's list, and the name is free again on B")
    void leaveAcrossInstances() {
        try (ChatClient bob = cluster.get(1).join("bob")) {
            ChatClient ada = cluster.get(0).join("ada");
            bob.nextOf("joined", "ada joined on A");
            ada.leave();
            JsonObject left = bob.nextOf("left", "ada left on A");
            assertEquals(List.of("ada"), ChatClient.names(left), "left.names on B after ada left: " + left);
            assertEquals(1, left.get("count").getAsInt(), "left.count on B after ada left, bob alone in the room: " + left);
            try (ChatClient again = cluster.get(1).connect("ada again")) {
                again.join("ada");
                again.expect("welcome", "ada's name is free once she left: RedisBroker.release");
            }
        }
    }

    @Test
    @DisplayName("after its claim lapsed, an instance neither frees nor takes back a name that another instance claimed since")
    void releaseAndRefreshCompareTheOwner() {
        String key = RedisBroker.NAME_KEY + "ada";
        try (RedisBroker a = new RedisBroker(cluster.redis().uri()); RedisBroker b = new RedisBroker(cluster.redis().uri())) {
            assertTrue(a.claim("ada"), "instance A claims ada on an empty Redis (RedisBroker.claim: SET ... NX PX)");
            cluster.redis().command("DEL " + key); // A's claim lapsed: A stopped refreshing for longer than PRESENCE_TTL
            assertTrue(b.claim("ada"), "instance B claims ada once A's claim is gone");
            String owner = cluster.redis().value(key);
            assertTrue(owner != null, "GET " + key + " after B claimed ada: B's instance id");
            assertEquals(List.of("ada"), a.refresh(List.of("ada")), "A.refresh([ada]) returns the names A no longer owns");
            assertEquals(owner, cluster.redis().value(key), "A.refresh must not take back B's ada: RedisScripts.REFRESH compares the owner");
            a.release("ada");
            assertEquals(owner, cluster.redis().value(key), "A.release(ada) must not free B's ada: RedisScripts.RELEASE compares the owner");
            assertEquals(List.of("ada"), b.online(), "B's ada stays online after A let go of its lapsed claim");
            b.release("ada");
            assertNull(cluster.redis().value(key), "B.release(ada) frees B's own claim");
        }
    }

    @Test
    @DisplayName("names stay claimed while their instance lives, longer than their time-to-live")
    void refreshKeepsNames() {
        try (ChatClient ada = cluster.get(0).join("ada"); ChatClient bob = cluster.get(1).join("bob")) {
            long until = System.nanoTime() + Limits.PRESENCE_TTL.plus(Limits.PRESENCE_REFRESH).toNanos();
            await().atMost(Limits.PRESENCE_TTL.multipliedBy(3)).pollInterval(Duration.ofMillis(200))
                    .until(() -> System.nanoTime() > until);
            try (ChatClient other = cluster.get(1).connect("other")) {
                other.join("ada");
                other.expectError("name-taken", "ada after " + Limits.PRESENCE_TTL.plus(Limits.PRESENCE_REFRESH).toSeconds()
                        + " s: instance A refreshes its names (RedisBroker.refresh)");
            }
            assertFalse(bob.sawLeft("ada"), "bob heard that ada left, but she is still there: refresh keeps her name alive");
        }
    }

    @Test
    @DisplayName("the members of an instance that crashes leave everyone's list within PRESENCE_TTL + PRESENCE_REFRESH, once")
    void crashedInstance() {
        ChatClient ada = cluster.get(0).join("ada");
        try (ada; ChatClient bob = cluster.get(1).join("bob")) {
            Instance c = Instance.onRedis("C", cluster.redis());
            cluster.add(c);
            try (ChatClient cy = c.join("cy")) {
                cluster.get(0).crash();
                Duration within = Limits.PRESENCE_TTL.plus(Limits.PRESENCE_REFRESH).plus(Duration.ofSeconds(3));
                for (ChatClient member : List.of(bob, cy)) {
                    JsonObject left = member.nextOf("left", "ada's instance crashed: she must leave the list within "
                            + within.toSeconds() + " s (RedisBroker.expired)", within);
                    assertEquals(List.of("ada"), ChatClient.names(left), member + ": left.names " + left);
                    assertEquals(2, left.get("count").getAsInt(), member + ": left.count, bob and cy without ada: " + left);
                }
                bob.say("after the crash");
                JsonObject next = bob.next("bob's message after the crash");
                assertEquals("message", ChatClient.type(next),
                        "bob got " + ChatClient.brief(next) + ": one instance only may say goodbye for ada (ZREM answers 1 once)");
            }
        }
    }
}
