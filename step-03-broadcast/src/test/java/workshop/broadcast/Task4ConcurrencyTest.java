package workshop.broadcast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import workshop.progress.Hint;

@DisplayName("Task 4: ten clients at once: ten names, and nothing lost, duplicated or reordered")
@Hint("BroadcastServer.nextGuestName: \"guest-\" + guests.incrementAndGet(), safe on every worker thread")
class Task4ConcurrencyTest {

    private static final int CLIENTS = 10;
    private static final int MESSAGES_EACH = 100;

    private final ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
    private Room room;

    @AfterEach
    void closeRoom() throws Exception {
        pool.shutdownNow();
        if (room != null) {
            room.close();
        }
    }

    @Test
    @DisplayName("ten clients that connect at the same moment get ten different names: guest-1, guest-2, ...")
    void distinctNames() throws Exception {
        room = new Room();
        List<Client> clients = room.atOnce(CLIENTS);

        for (Client client : clients) {
            client.send("I am " + client.label);
        }

        Client observer = clients.get(0);
        Map<String, String> names = new LinkedHashMap<>();
        for (Client client : clients) {
            Matcher line = observer.awaitLine("(\\S+): I am " + client.label, "BroadcastServer.onMessage, TODO 1");
            names.put(client.label, line.group(1));
        }
        String where = "; see BroadcastServer.nextGuestName, TODO 4";
        assertTrue(names.values().stream().allMatch(name -> name.matches("guest-\\d+")),
                "every name should look like guest-<number>; got " + names + where);
        assertEquals(CLIENTS, new HashSet<>(names.values()).size(),
                "ten clients should have ten different names; got " + names + where);
    }

    @Test
    @DisplayName("ten clients sending 100 messages each at once: every client gets all 1,000, each sender's in order, under its own name")
    void nothingLostOrDuplicated() throws Exception {
        room = new Room();
        List<Client> clients = room.atOnce(CLIENTS);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> senders = new ArrayList<>();
        for (Client client : clients) {
            senders.add(pool.submit(() -> {
                go.await();
                for (int i = 0; i < MESSAGES_EACH && room.server().failure().isEmpty(); i++) {
                    client.send(client.label + " #" + i);
                }
                return null;
            }));
        }

        go.countDown();

        int total = CLIENTS * MESSAGES_EACH;
        String where = "BroadcastServer.onMessage and sendToEveryone";
        for (Client receiver : clients) {
            List<String> chat = receiver.awaitChat(total, Duration.ofSeconds(15), where);
            assertEquals(total, chat.size(), receiver.label + " should get each message exactly once (" + where + ")");
            for (Client sender : clients) {
                List<Integer> numbers = chat.stream()
                        .filter(line -> line.contains(": " + sender.label + " #"))
                        .map(line -> Integer.parseInt(line.substring(line.lastIndexOf('#') + 1)))
                        .toList();
                assertEquals(IntStream.range(0, MESSAGES_EACH).boxed().toList(), numbers,
                        receiver.label + " should get " + sender.label + "'s messages 0 to 99, once each, in order (" + where + ")");
            }
        }
        for (Future<?> sender : senders) {
            sender.get();
        }
        // Which name each sender's lines carry: one name per sender, and no name shared by two.
        Map<String, Set<String>> namesOf = new LinkedHashMap<>();
        for (String line : clients.get(0).chat()) {
            String label = line.substring(line.indexOf(": ") + 2, line.lastIndexOf(" #"));
            namesOf.computeIfAbsent(label, any -> new HashSet<>()).add(line.substring(0, line.indexOf(": ")));
        }
        Set<String> names = new HashSet<>();
        namesOf.values().forEach(names::addAll);
        assertEquals(CLIENTS, names.size(), "each sender's lines should carry a name of its own; the names "
                + "per sender were " + namesOf + " (BroadcastServer.nextGuestName, TODO 4)");
    }
}
