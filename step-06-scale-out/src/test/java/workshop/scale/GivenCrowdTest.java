package workshop.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static workshop.chattest.ChatClient.string;

import java.io.IOException;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import workshop.chattest.ServerLog;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import workshop.chattest.ChatClient;

/**
 * The given room under a crowd, on the in-memory cluster: the core's hub owns the members, sends never
 * call back into it, and each connection has an outgoing budget. Nothing may throw.
 */
@DisplayName("Given: one room thread and an outgoing budget: a crowd, a slow reader or a silent peer cost the others nothing")
class GivenCrowdTest {

    private final ServerLog log = ServerLog.capture();
    private final Instance instance = Instance.local();

    @AfterEach
    void stop() {
        instance.close();
        log.close();
    }

    @Test
    @DisplayName("200 clients coming and going: the members still get every message once, in order, and nothing throws")
    void churn() {
        try (ChatClient ada = instance.join("ada"); ChatClient bob = instance.join("bob")) {
            Crowd.churn(List.of(instance), 200);
            ada.say("after the crowd");
            for (ChatClient member : List.of(ada, bob)) {
                for (int i = 0; i < 200; i++) {
                    assertEquals("hello from churn" + i, string(member.nextMessage("churn" + i + "'s hello"), "text"),
                            member + ": every message once, in the order said");
                }
                assertEquals("after the crowd", string(member.nextMessage("ada's message after the crowd"), "text"), member.toString());
            }
        }
        log.assertNoTrouble("while 200 clients came and went");
    }

    @Test
    @DisplayName("a client that reads slower than the room talks is dropped once its budget is spent; the others keep chatting")
    void slowReader() throws IOException {
        ScheduledExecutorService slow = Crowd.slowReader(instance, "slow");
        try (ChatClient watcher = instance.join("watcher")) {
            Crowd.floodUntilDropped(instance, watcher, "slow");
            try (ChatClient ada = instance.join("ada")) {
                ada.say("still here");
                assertEquals("still here", string(ada.nextMessage("her message after the slow reader was dropped"), "text"));
            }
        } finally {
            slow.shutdownNow();
        }
        log.assertNoTrouble("while a slow reader was dropped");
    }

    @Test
    @DisplayName("a peer that vanishes without a close is dropped once its budget is spent, and nothing throws")
    void silentPeer() throws IOException {
        try (ChatClient watcher = instance.join("watcher"); Socket silent = Crowd.silentPeer(instance, "silent")) {
            Crowd.floodUntilDropped(instance, watcher, "silent");
        }
        log.assertNoTrouble("while a silent peer was dropped");
    }
}
