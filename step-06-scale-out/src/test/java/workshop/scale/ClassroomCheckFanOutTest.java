package workshop.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static workshop.chattest.ChatClient.string;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import workshop.chattest.ServerLog;
import workshop.chattest.ChatClient;

/** Task 1's fan-out under a crowd: what a classroom does to two instances and a Redis, in a few seconds. */
@DisplayName("Classroom check: 200 clients come and go on two instances through Redis; every member gets every message once, in one order")
class ClassroomCheckFanOutTest {

    @RegisterExtension
    static final TwoInstances cluster = TwoInstances.onEmptyRedis();
    private final ServerLog log = ServerLog.capture();

    @AfterEach
    void stopLog() {
        log.close();
    }

    @Test
    @DisplayName("200 clients coming and going on two instances: the members get every message once, and nothing throws")
    void churn() {
        try (ChatClient ada = cluster.get(0).join("ada"); ChatClient bob = cluster.get(1).join("bob")) {
            Crowd.churn(cluster.all(), 200);
            // Two instances talk at once: Redis orders their messages as they arrive, the same order for every member.
            List<String> expected = IntStream.range(0, 200).mapToObj(i -> "hello from churn" + i).sorted().toList();
            List<String> adaSaw = texts(ada, 200);
            assertEquals(expected, adaSaw.stream().sorted().toList(), "ada@A: every churn client's hello once");
            assertEquals(adaSaw, texts(bob, 200), "bob@B: the same messages as ada, in the same order");
        }
        log.assertNoTrouble("200 clients coming and going on two instances");
    }

    private static List<String> texts(ChatClient member, int count) {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            texts.add(string(member.nextMessage("message " + (i + 1) + " of " + count), "text"));
        }
        return texts;
    }
}
