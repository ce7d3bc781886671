package workshop.reliable;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static workshop.chattest.ChatClient.names;
import static workshop.chattest.ChatClient.string;
import static workshop.reliable.ReliableMessages.join;

import com.google.gson.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import workshop.chattest.ChatClient;
import workshop.net.FaultProxy;

/**
 * The hub under a crowd: clients that come and go, one that never reads, one that vanishes. Each test
 * fails on any exception or warning in the server's log.
 */
@DisplayName("Given: the hub holds up under a crowd, and its log stays clean")
class GivenCrowdTest {

    /** Big enough that the kernel's socket buffers fill after a few hundred messages. */
    private static final String LONG_TEXT = "€".repeat(Limits.MAX_TEXT_LENGTH);
    private static final int MOST_MESSAGES = 20_000;

    private final ChatServer server = new ChatServer();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    @DisplayName("200 clients join and leave (politely or not) while two chat: the two get every message, in order")
    void churn() throws Exception {
        try (ChatClient ada = server.join("ada"); ChatClient bob = server.join("bob")) {
            List<String> tokens = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                tokens.add(server.token("churn" + i));
            }
            ExecutorService crowd = Executors.newFixedThreadPool(8);
            List<Future<?>> visits = new ArrayList<>();
            try {
                for (int i = 0; i < tokens.size(); i++) {
                    int n = i;
                    visits.add(crowd.submit(() -> {
                        ChatClient visitor = ChatServer.connect(server.port(), "churn" + n, tokens.get(n), true);
                        visitor.send(join(null));
                        visitor.expectSkipping("welcome", "churn" + n + "'s welcome");
                        if (n % 2 == 0) {
                            visitor.leave();
                        } else {
                            visitor.close();
                        }
                    }));
                }
                for (int i = 1; i <= 20; i++) {
                    // One at a time, each within the rate limit: the hub is busy with the churn meanwhile.
                    server.clock.advance(Duration.ofSeconds(1));
                    ada.say("steady " + i);
                    assertEquals("steady " + i, string(ada.expectSkipping("message", "ada's message " + i + " through the churn"), "text"));
                }
                for (Future<?> visit : visits) {
                    visit.get();
                }
            } finally {
                crowd.shutdownNow();
            }
            for (int i = 1; i <= 20; i++) {
                assertEquals("steady " + i, string(bob.expectSkipping("message", "ada's message " + i + " through the churn"), "text"));
            }
            await("the churn's connections gone").atMost(ChatClient.TIMEOUT).until(() -> server.hub.open() == 2);
            bob.say("who is left?");
            JsonObject last = ada.expectSkipping("message", "bob's message after the churn");
            assertEquals("who is left?", string(last, "text"));
        }
        assertEquals(List.of(), server.log.troubles(), "the server's log reports trouble");
    }

    @Test
    @DisplayName("a member that never reads is dropped once its outgoing budget is spent; the others never wait for it")
    void slowReader() {
        try (ChatClient ada = server.join("ada"); ChatClient bob = server.join("bob");
                ChatClient frozen = ChatServer.connect(server.port(), "frozen", server.token("frozen"), false)) {
            frozen.send(join(null));
            ada.expectSkipping("joined", "frozen joined");
            floodUntilLeft(ada, bob, "frozen");
        }
        assertEquals(List.of(), server.log.troubles(), "the server's log reports trouble");
    }

    @Test
    @DisplayName("a member whose network goes silent (no close, no reset) is dropped the same way, and can come back")
    void silentPeer() throws Exception {
        try (FaultProxy proxy = FaultProxy.to(server.port());
                ChatClient ada = server.join("ada"); ChatClient bob = server.join("bob");
                Member carol = Member.join(server, "carol", proxy.port())) {
            ada.expectSkipping("joined", "carol joined");
            ada.say("before the silence");
            carol.readUntilText("before the silence");
            proxy.stall();
            floodUntilLeft(ada, bob, "carol");
            proxy.cut();
            proxy.resume();
            carol.reconnect();
            ada.say("welcome back, carol");
            carol.readUntilText("welcome back, carol");
        }
        assertEquals(List.of(), server.log.troubles(), "the server's log reports trouble");
    }

    /**
     * Ada talks, bob listens, until the others see {@code who} leave. Every message must reach bob
     * at once: a member who does not read must not slow anyone else down.
     */
    private void floodUntilLeft(ChatClient ada, ChatClient bob, String who) {
        for (int i = 1; i <= MOST_MESSAGES; i++) {
            server.clock.advance(Duration.ofSeconds(1));
            ada.say(LONG_TEXT);
            JsonObject next = bob.next("message " + i + ", or " + who + " leaving");
            while (!"message".equals(ChatClient.type(next))) {
                if ("left".equals(ChatClient.type(next)) && names(next).contains(who)) {
                    return;
                }
                next = bob.next("message " + i);
            }
            ada.rest();
        }
        throw new AssertionError(who + " never read and was still in the room after " + MOST_MESSAGES
                + " messages: the core's Connection should drop it past workshop.core.Limits.MAX_QUEUED_BYTES");
    }

}
