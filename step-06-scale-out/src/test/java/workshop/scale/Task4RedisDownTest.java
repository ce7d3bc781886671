package workshop.scale;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static workshop.chattest.ChatClient.string;
import static workshop.scale.GivenOneInstanceTest.names;

import com.google.gson.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import workshop.chattest.ServerLog;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.exceptions.JedisException;
import workshop.chattest.ChatClient;
import workshop.progress.Hint;

@DisplayName("Task 4: Redis goes away: each instance serves its own members, says the room is degraded, and recovers")
@Hint("RedisBroker.call: catch JedisException, throw BrokerDown; listen: loop while !closed, on JedisException call listener.onBrokerDown, Redis.pause(), retry")
class Task4RedisDownTest {

    /** Redis is back, and the subscriber tries again every REDIS_RETRY: give it a few tries on a busy machine. */
    private static final Duration RECOVERY = Limits.REDIS_RETRY.multipliedBy(4).plus(Duration.ofSeconds(10));

    /** SLF4J simple logger's level field, as the chat tests' ServerLog reads it. */
    private static final Pattern WARNING = Pattern.compile("^(\\[[^\\]]*\\] )?WARN ");

    @RegisterExtension
    static final TwoInstances cluster = TwoInstances.onRestartedRedis();
    private final ServerLog log = ServerLog.capture();

    @AfterEach
    void stopLog() {
        log.close();
    }

    /** No ERROR and no stack trace. Redis going away is this task's scenario: a WARN is how a server says so, not trouble here. */
    private void assertNoErrors(String during) {
        List<String> errors = log.troubles().stream().filter(line -> !WARNING.matcher(line).find()).toList();
        assertEquals(List.of(), errors, "the server logged an ERROR or a stack trace " + during);
    }

    /**
     * The member's degraded notice. A subscriber that does not catch Redis's going away dies with a
     * stack trace at once, so the wait ends there instead of at its patience.
     */
    private JsonObject degradedNotice(ChatClient member) {
        String what = "the notice that Redis is gone: RedisBroker.listen tells the listener onBrokerDown (TODO 4)";
        try {
            return await().dontCatchUncaughtExceptions().atMost(ChatClient.TIMEOUT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10)).until(() -> {
                List<String> errors = log.troubles().stream().filter(line -> !WARNING.matcher(line).find()).toList();
                if (!errors.isEmpty()) {
                    String threw = log.text().lines().filter(line -> line.startsWith("Exception in thread") || line.contains(" ERROR "))
                            .findFirst().orElse(errors.get(0));
                    throw new AssertionError(member + " waited for " + what + ", but the server threw first: " + threw);
                }
                return member.received().stream().filter(message -> "degraded".equals(ChatClient.type(message))).findFirst().orElse(null);
            }, Objects::nonNull);
        } catch (ConditionTimeoutException nothing) {
            throw new AssertionError(member + " waited " + ChatClient.TIMEOUT.toSeconds() + " s for " + what + ", and nothing came");
        }
    }

    @Test
    @DisplayName("when Redis stops, the pages of every instance are told the room is degraded, and nothing throws")
    void degraded() {
        try (ChatClient ada = cluster.get(0).join("ada"); ChatClient bob = cluster.get(1).join("bob")) {
            cluster.redis().stop();
            for (ChatClient member : List.of(ada, bob)) {
                JsonObject degraded = degradedNotice(member);
                assertTrue(string(degraded, "message") != null, member + ": degraded.message says what it means: " + degraded);
            }
        }
        assertNoErrors("while Redis was gone");
    }

    @Test
    @DisplayName("while Redis is gone, the members of one instance still chat with each other, and a newcomer can join there")
    void localWhileDegraded() {
        try (ChatClient ada = cluster.get(0).join("ada"); ChatClient amy = cluster.get(0).join("amy")) {
            cluster.redis().stop();
            ada.nextOf("degraded", "Redis is gone");
            amy.nextOf("degraded", "Redis is gone");
            ada.say("still here");
            JsonObject message = amy.nextMessage("ada's message on the same instance, with Redis gone");
            assertEquals("still here", string(message, "text"), "amy, on ada's instance: " + message);
            assertNull(string(message, "id"), "a message said while degraded is in no stream, so it has no id: " + message);
            try (ChatClient al = cluster.get(0).connect("al")) {
                al.join("al");
                JsonObject welcome = al.expect("welcome", "a join while Redis is gone: the instance knows its own members");
                assertTrue(welcome.get("degraded").getAsBoolean(), "welcome.degraded while Redis is gone: " + welcome);
                assertEquals(List.of("ada", "al", "amy"), names(welcome.getAsJsonArray("online")), "welcome.online while degraded: " + welcome);
            }
        }
        assertNoErrors("while Redis was gone");
    }

    @Test
    @DisplayName("when Redis is back, the pages are told, the names are claimed again, and the instances reach each other again")
    void recovers() {
        try (ChatClient ada = cluster.get(0).join("ada"); ChatClient bob = cluster.get(1).join("bob")) {
            cluster.redis().stop();
            ada.nextOf("degraded", "Redis is gone");
            bob.nextOf("degraded", "Redis is gone");
            cluster.redis().restart();
            for (ChatClient member : List.of(ada, bob)) {
                member.nextOf("recovered", "the notice that Redis is back: the subscription came back (onSubscribe)", RECOVERY);
            }
            try (ChatClient other = cluster.get(1).connect("other")) {
                other.join("ada");
                other.expectError("name-taken", "ada on B after Redis came back empty: instance A claims its names again");
            }
            ada.say("back together");
            JsonObject message = bob.nextMessage("ada's message on A, after Redis came back");
            assertEquals("back together", string(message, "text"), "bob, on B: " + message);
            assertFalse(string(message, "id") == null, "a message after the recovery is in the stream again, with an id: " + message);
        }
        assertNoErrors("while Redis went away and came back");
    }

    @Test
    @DisplayName("a command Redis does not answer becomes BrokerDown, which names the Redis and keeps Jedis's exception as its cause")
    void brokerDownKeepsTheCause() {
        cluster.redis().stop();
        try (RedisBroker broker = new RedisBroker(cluster.redis().uri())) {
            BrokerDown down = assertThrows(BrokerDown.class, () -> broker.claim("ada"),
                    "RedisBroker.claim with Redis stopped: RedisBroker.call turns a JedisException into a BrokerDown");
            assertTrue(down.getMessage() != null && down.getMessage().contains(cluster.redis().uri().getAuthority()),
                    "BrokerDown's message names the Redis that does not answer (" + cluster.redis().uri().getAuthority() + "): " + down.getMessage());
            assertInstanceOf(JedisException.class, down.getCause(),
                    "BrokerDown's cause: the JedisException, so that whoever reads the log learns why (new BrokerDown(message, cause))");
        }
    }

    @Test
    @DisplayName("after Redis restarts empty, every message said reaches every member once, also those who joined with history")
    void everyMessageAfterAnEmptyRestart() {
        try (ChatClient ada = cluster.get(0).join("ada")) {
            List<String> before = List.of("one", "two", "three");
            before.forEach(ada::say);
            before.forEach(text -> ada.nextMessage("her message \"" + text + "\""));
            // bob and cy join with those three in their welcome: each is caught up to the last one's id.
            try (ChatClient bob = cluster.get(1).join("bob"); ChatClient cy = cluster.get(0).join("cy")) {
                cluster.redis().restart();
                for (ChatClient member : List.of(ada, bob, cy)) {
                    member.nextOf("recovered", "Redis is back, empty", RECOVERY);
                }
                List<String> after = List.of("1", "2", "3", "4", "5");
                after.forEach(ada::say);
                for (ChatClient member : List.of(ada, bob, cy)) {
                    List<String> got = new ArrayList<>();
                    while (!got.contains("5")) {
                        got.add(string(member.nextMessage("the messages said after Redis restarted empty"), "text"));
                    }
                    assertEquals(after, got, member + " got " + got.size() + " of the " + after.size()
                            + " messages said after Redis restarted empty: the stream's ids started again, so the new ids must still"
                            + " come after the old ones (RedisBroker.append runs RedisScripts.APPEND)");
                }
            }
        }
        assertNoErrors("while Redis restarted empty");
    }
}
