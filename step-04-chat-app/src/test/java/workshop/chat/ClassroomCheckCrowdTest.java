package workshop.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static workshop.chattest.ChatClient.string;
import static workshop.chattest.ChatClient.type;

import com.google.gson.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import workshop.chattest.ChatClient;
import workshop.chattest.ServerLog;
import workshop.core.Hub;
import workshop.core.Limits;

/**
 * The room in a crowd, against the chat core: what a classroom does to a server in an hour, in a
 * few seconds. Where silent clients are the point, liveness is shortened (a ping every second, a
 * pong deadline of 3 s) so that they are gone within seconds instead of {@link Limits#LIVENESS}.
 */
@DisplayName("Classroom check: a crowd comes and goes, some stop reading, one floods; the room stays exact")
class ClassroomCheckCrowdTest {

    /** 500 characters of 4 bytes each in UTF-8: about 2 KB a message, so a backlog grows fast. */
    private static final String HEAVY = "\uD83D\uDE00".repeat(Limits.MAX_TEXT_LENGTH - 10);
    /** Every client of a test comes from 127.0.0.1: room for the whole crowd. */
    private static final Hub.Settings CROWD = Hub.Settings.DEFAULTS.withConnections(1000, 1000);
    private static final Hub.Settings SHORT_LIVENESS = CROWD
            .withLiveness(Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofMillis(100));
    /** Within this, a silent client is gone: a ping period, the deadline, a check, and room for a busy machine. */
    private static final Duration GONE_WITHIN = Duration.ofSeconds(10);

    private ChatServer server = new ChatServer(CROWD);

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    @DisplayName("clients that stop reading and answering pings leave within the liveness time; idle ones that answer stay")
    void silentClientsLeave() {
        server.close();
        server = new ChatServer(SHORT_LIVENESS);
        try (ServerLog log = ServerLog.capture(); ChatClient bob = server.join("bob"); ChatClient idle = server.join("idle")) {
            List<String> names = IntStream.range(0, 20).mapToObj(i -> "script-" + i).toList();
            List<ChatClient> silent = ChatClient.connectAll(server.uri(), names);
            for (ChatClient script : silent) {
                script.join(script.toString());
                script.expect("welcome", "the answer to " + script + "'s join");
            }
            long start = System.nanoTime();
            silent.forEach(ChatClient::stopReading); // scripts that hang: they read nothing more, so they answer no ping
            Set<String> joined = new TreeSet<>();
            Set<String> left = new TreeSet<>();
            while (left.size() < names.size()) {
                JsonObject notice = bob.next("the left notices of 20 clients that stopped answering pings (Hub's liveness check)");
                switch (String.valueOf(type(notice))) {
                    case "joined" -> joined.addAll(ChatClient.names(notice));
                    case "left" -> left.addAll(ChatClient.names(notice));
                    default -> fail("only joined and left notices come to bob here: " + notice);
                }
            }
            assertEquals(new TreeSet<>(concatNames("idle", names)), joined, "bob heard of idle and every script joining");
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertEquals(new TreeSet<>(names), left, "every silent client left, and no one else");
            assertTrue(took.compareTo(GONE_WITHIN) <= 0, "the silent clients left after " + took.toMillis() + " ms: ping every "
                    + SHORT_LIVENESS.pingInterval().toMillis() + " ms, pong deadline " + SHORT_LIVENESS.pongDeadline().toMillis() + " ms");
            idle.say("still here");
            assertEquals("still here", string(bob.expect("message", "idle's message: an idle client that answers pings stays"), "text"));
            silent.forEach(ChatClient::close);
            log.assertNoTrouble("silent clients taken for gone");
        }
    }

    @Test
    @DisplayName("a flood is refused on Jetty's thread: the hub's queue never holds more than the burst; a full queue closes its sender with 1008")
    void boundedInbound() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        try (ChatClient ada = server.join("ada"); ChatClient flooder = server.join("flooder")) {
            ada.expectJoined("the flooder joined", "flooder");
            // Hold the hub's thread: whatever gets past Jetty's threads now waits in its queue.
            server.hub().post(() -> awaitQuietly(release));
            for (int i = 0; i < 2_000; i++) {
                flooder.say("flood " + i);
            }
            flooder.send("{}"); // a last message: once the hub answers it, every earlier one was counted
            int waiting = server.hub().waiting();
            release.countDown();
            assertTrue(waiting <= Limits.RATE_LIMIT_BURST, "2,000 messages from one client at once: " + waiting
                    + " waited for the hub; the rate limit (Hub.received, on Jetty's thread) lets in Limits.RATE_LIMIT_BURST at most");
            flooder.awaitError("rate-limited", "the flooder's answer: one rate-limited error");
        }
        server.close();
        server = new ChatServer(CROWD.withHubQueue(5));
        CountDownLatch again = new CountDownLatch(1);
        try (ChatClient ada = server.join("ada"); ChatClient bob = server.join("bob")) {
            ada.expectJoined("bob joined", "bob");
            server.hub().post(() -> awaitQuietly(again));
            for (int i = 0; i < 6; i++) {
                bob.say("queued " + i);
            }
            assertEquals(1008, bob.awaitClose("the sixth message with 5 allowed in the hub's queue"), "1008: the queue was full");
            again.countDown();
            Awaitility.await().atMost(ChatClient.TIMEOUT).until(() -> server.hub().waiting() == 0);
            ada.say("the server is fine");
            JsonObject next = ada.next("the room after bob was closed");
            while (!"message".equals(type(next)) || !"ada".equals(string(next, "from"))) {
                next = ada.next("ada's own message, after bob's queued ones and his departure");
            }
            assertEquals("the server is fine", string(next, "text"), "the server keeps serving the others");
        }
    }

    private static List<String> concatNames(String first, List<String> rest) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(rest);
        return all;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    @DisplayName("a join storm of 200 arrives as a few batches, and every member's online list converges exactly")
    void joinStorm() {
        int storm = 200;
        try (ChatClient bob = server.join("bob")) {
            List<ChatClient> crowd = ChatClient.connectAll(server.uri(), IntStream.range(0, storm).mapToObj(i -> "storm-" + i).toList());
            crowd.forEach(client -> client.join(client.toString()));
            Set<String> everyone = new TreeSet<>(Set.of("bob"));
            crowd.forEach(client -> everyone.add(client.toString()));
            List<Set<String>> views = new ArrayList<>();
            for (ChatClient client : crowd) {
                JsonObject welcome = client.expect("welcome", "the answer to " + client + "'s join");
                Set<String> view = new TreeSet<>();
                welcome.getAsJsonArray("online").forEach(name -> view.add(name.getAsString()));
                views.add(view);
            }
            Set<String> bobsView = new TreeSet<>(Set.of("bob"));
            int notices = 0;
            while (!bobsView.equals(everyone)) {
                JsonObject joined = bob.expect("joined", "the batches of the storm's joins");
                bobsView.addAll(ChatClient.names(joined));
                notices++;
                assertTrue(notices <= storm / 10, "bob got " + notices + " joined notices for " + storm + " joins so far:"
                        + " joins are gathered over Limits.PRESENCE_WINDOW, not sent one by one");
            }
            bob.say("done");
            for (int i = 0; i < storm; i++) {
                ChatClient client = crowd.get(i);
                for (JsonObject next = client.next("the rest, up to bob's done"); !"message".equals(type(next));
                        next = client.next("the rest, up to bob's done")) {
                    views.get(i).addAll(ChatClient.names(next));
                }
                assertEquals(everyone, views.get(i), client + "'s online list: its welcome, then the joined notices after it");
            }
            crowd.forEach(ChatClient::close);
        }
    }

    @Test
    @DisplayName("a client that never reads is closed with 1008 past Limits.MAX_QUEUED_BYTES; the others get every message, in order")
    void slowReader() {
        // Liveness out of the way: this slow reader must be caught by its budget, not by its silence,
        // however long a busy machine takes to send it 256 KiB.
        server.close();
        server = new ChatServer(CROWD.withLiveness(Duration.ofMinutes(10), Duration.ofMinutes(10), Limits.CHECK_INTERVAL));
        try (ChatClient ada = server.join("ada"); ChatClient bob = server.join("bob");
                ChatClient slow = ChatClient.connect(server.uri(), "slow", null, false)) {
            slow.join("slow");
            ada.expectJoined("bob and the slow reader joined", "bob", "slow");
            bob.expectJoined("the slow reader joined", "slow");

            // Bounded: 40 MB is ten times what the network and the budget can hold for the slow reader.
            int limit = 40 * 1024 * 1024 / HEAVY.length() / 2;
            boolean slowLeft = false;
            for (int sent = 0; sent < limit && !slowLeft; ) {
                server.clock.advance(Duration.ofSeconds(5)); // a full rate-limit bucket again
                int batch = Limits.RATE_LIMIT_BURST;
                for (int i = 0; i < batch; i++) {
                    ada.say((sent + i) + " " + HEAVY);
                }
                for (ChatClient reader : new ChatClient[] {ada, bob}) {
                    for (int i = 0; i < batch; i++) {
                        JsonObject next = reader.next("message " + (sent + i));
                        if ("left".equals(type(next))) {
                            assertEquals(List.of("slow"), ChatClient.names(next), "only the slow reader may leave: " + next);
                            slowLeft = true;
                            next = reader.next("message " + (sent + i));
                        }
                        assertEquals("message", type(next), "every message reaches ada and bob: " + ChatClient.brief(next));
                        assertTrue(string(next, "text").startsWith((sent + i) + " "), "message " + (sent + i) + " comes next, in order: "
                                + ChatClient.brief(next));
                    }
                }
                sent += batch;
            }
            assertTrue(slowLeft, "after " + limit + " messages of 2 KB that the slow reader never read, the room still has it:"
                    + " a send over Limits.MAX_QUEUED_BYTES must drop it, and the others hear that it left (ChatRoom.left)");

            slow.startReading();
            assertEquals(1008, slow.awaitClose("the slow reader, once it reads what was waiting for it"), "1008, with a reason");
        }
    }

    @Test
    @DisplayName("a flood is cut by the rate limit: the extra messages are dropped, the sender is told once, the others all arrive")
    void flood() {
        int sent = Limits.RATE_LIMIT_BURST + 5;
        try (ChatClient ada = server.join("ada"); ChatClient bob = server.join("bob")) {
            ada.expectJoined("bob joined", "bob");
            for (int i = 1; i <= sent; i++) {
                ada.say("flood " + i);
            }
            // The test clock stands still, so no token comes back: the burst, less the join's token, is all ada has.
            List<String> accepted = IntStream.range(1, Limits.RATE_LIMIT_BURST).mapToObj(i -> "flood " + i).toList();
            List<String> expected = new ArrayList<>(accepted);
            expected.add("error rate-limited");
            List<String> replies = new ArrayList<>();
            for (int i = 0; i < expected.size(); i++) {
                JsonObject reply = ada.next("reply " + (i + 1) + " to ada's flood: " + expected.get(i));
                replies.add("message".equals(type(reply)) ? string(reply, "text") : type(reply) + " " + string(reply, "code"));
            }
            assertEquals(expected, replies, "ada sent " + sent + " messages at once with Limits.RATE_LIMIT_BURST = "
                    + Limits.RATE_LIMIT_BURST + " (her join took one): the rest of the burst comes back, then one"
                    + " rate-limited error (Hub.received, on Jetty's thread)");
            // The room handles ada's close after all she sent: once bob hears she left, every reply to her is out.
            ada.leave();
            for (String text : accepted) {
                assertEquals(text, string(bob.expect("message", text), "text"), "bob gets every accepted message, in order");
            }
            assertEquals(List.of("ada"), ChatClient.names(bob.expect("left", "ada's departure")),
                    "after ada's accepted messages bob hears only that she left: the dropped ones reach no one");
            ada.awaitClose("the answer to ada's close");
            assertEquals(List.of(), ada.rest().stream().map(ChatClient::brief).toList(),
                    "one rate-limited error for all the dropped messages, not one each (Connection.admit)");
        }
    }

    @Test
    @DisplayName("once a message gets through again, the next flood gets a new rate-limited error")
    void floodAgain() {
        try (ChatClient ada = server.join("ada")) {
            // The join took one token of the burst: the last of these messages is the first one dropped.
            for (int i = 1; i <= Limits.RATE_LIMIT_BURST; i++) {
                ada.say("flood " + i);
            }
            for (int i = 1; i < Limits.RATE_LIMIT_BURST; i++) {
                assertEquals("flood " + i, string(ada.expect("message", "flood " + i + ", within the burst"), "text"));
            }
            ada.expectError("rate-limited", "the answer to the first message over Limits.RATE_LIMIT_BURST (Hub.received)");

            server.clock.advance(Duration.ofSeconds(1));
            int refilled = Math.min(Limits.RATE_LIMIT_BURST, Limits.RATE_LIMIT_PER_SECOND);
            for (int i = 1; i <= refilled + 1; i++) {
                ada.say("again " + i);
            }
            for (int i = 1; i <= refilled; i++) {
                assertEquals("again " + i, string(ada.expect("message", "again " + i + ", a second later: the bucket has "
                        + refilled + " tokens again (Limits.RATE_LIMIT_PER_SECOND)"), "text"));
            }
            ada.expectError("rate-limited", "the answer to a new flood: a message got through in between,"
                    + " so ada is told again (Connection.admit)");
        }
    }

    /**
     * A classroom's worth of coming and going while three members chat: 600 clients in three waves,
     * a third of them closing politely, a third dropping the socket, a third going silent (no reading,
     * no pong). Afterwards the room holds exactly the open, joined, answering connections, every
     * member got every message once, in one order, and the server logged no trouble.
     */
    @Test
    @DisplayName("churn: 600 clients come and go in waves while members chat; silent ones are gone in time, every message once and in order, a clean log")
    void churn() {
        server.close();
        server = new ChatServer(SHORT_LIVENESS);
        int waves = 3;
        int perWave = 200;
        try (ServerLog log = ServerLog.capture()) {
            List<ChatClient> chatters = List.of(server.join("chat-a"), server.join("chat-b"), server.join("chat-c"));
            List<ChatClient> staying = new ArrayList<>();
            List<Integer> saidBeforeJoining = new ArrayList<>();
            List<ChatClient> gone = new ArrayList<>();
            Set<String> expected = new TreeSet<>(Set.of("chat-a", "chat-b", "chat-c"));
            ChatClient neverReads = ChatClient.connect(server.uri(), "never-reads", null, false);
            neverReads.join("never-reads");
            int said = 0;
            try {
                for (int wave = 0; wave < waves; wave++) {
                    server.clock.advance(Duration.ofSeconds(10)); // the chatters' rate limit refills
                    int w = wave;
                    List<ChatClient> arriving = ChatClient.connectAll(server.uri(),
                            IntStream.range(0, perWave).mapToObj(i -> "w" + w + "-" + i).toList());
                    for (int i = 0; i < perWave; i++) {
                        String name = "w" + wave + "-" + i;
                        ChatClient client = arriving.get(i);
                        client.join(name);
                        client.expect("welcome", "the answer to " + name + "'s join");
                        switch (i % 4) {
                            case 0 -> client.leave();
                            case 1 -> client.close(); // the socket drops, no close frame
                            case 2 -> client.stopReading(); // a script that hangs: no more reading, no pong
                            default -> {
                                staying.add(client);
                                saidBeforeJoining.add(said);
                                expected.add(name);
                            }
                        }
                        if (i % 4 != 3) {
                            gone.add(client);
                        }
                        if (i % 10 == 0) {
                            ChatClient chatter = chatters.get(said % chatters.size());
                            String text = "m" + said;
                            chatter.say(text);
                            // Said, once its echo is back: a join after this line comes after it in the hub.
                            Awaitility.await().atMost(ChatClient.TIMEOUT).until(() -> chatter.received().stream()
                                    .anyMatch(message -> text.equals(string(message, "text"))));
                            said++;
                        }
                    }
                }
                for (ChatClient chatter : chatters) {
                    chatter.say("done " + chatters.indexOf(chatter));
                }

                // chat-a came first, to an empty room: the notices alone tell it who is here.
                Set<String> seenByChatA = new TreeSet<>(Set.of("chat-a"));
                List<String> all = messagesUntilDone(chatters.get(0), chatters.size(), seenByChatA);
                assertEquals(said + chatters.size(), all.size(), "chat-a hears every message once: " + all);
                assertEquals(all.size(), new HashSet<>(all).size(), "no message twice: " + all);
                for (ChatClient chatter : chatters.subList(1, chatters.size())) {
                    assertEquals(all, messagesUntilDone(chatter, chatters.size(), new TreeSet<>()),
                            "every chatter hears every message, in one order");
                }
                for (int i = 0; i < staying.size(); i++) {
                    List<String> since = all.subList(saidBeforeJoining.get(i), all.size());
                    assertEquals(since, messagesUntilDone(staying.get(i), chatters.size(), new TreeSet<>()),
                            "a member who came during the churn hears every message said after it joined, in the same order");
                }
                Awaitility.await("the online list to be exactly the open, joined, answering connections")
                        .atMost(GONE_WITHIN.multipliedBy(2))
                        .untilAsserted(() -> {
                            assertEquals(expected, onlineSeenByNewcomer(),
                                    "the online list after the churn: no ghosts of closed, dropped or silent clients (Hub's liveness check)");
                            for (JsonObject notice : chatters.get(0).rest()) {
                                track(seenByChatA, notice);
                            }
                            seenByChatA.remove("newcomer");
                            assertEquals(expected, seenByChatA, "who is here by chat-a's joined and left notices (ChatRoom.left)");
                        });
                log.assertNoTrouble("the churn");
            } finally {
                concat(chatters, concat(staying, gone)).forEach(ChatClient::close);
                neverReads.close();
            }
        }
    }

    /** The chat texts a member hears, until it has heard every chatter's "done". */
    private static List<String> messagesUntilDone(ChatClient member, int chatters, Set<String> presence) {
        List<String> texts = new ArrayList<>();
        int done = 0;
        while (done < chatters) {
            JsonObject next = member.next("the rest of the chat, up to every chatter's \"done\"");
            if ("message".equals(type(next))) {
                texts.add(string(next, "from") + ": " + string(next, "text"));
                done += string(next, "text").startsWith("done ") ? 1 : 0;
            } else {
                track(presence, next);
            }
        }
        return texts;
    }

    private static void track(Set<String> presence, JsonObject notice) {
        switch (String.valueOf(type(notice))) {
            case "joined" -> presence.addAll(ChatClient.names(notice));
            case "left" -> presence.removeAll(ChatClient.names(notice));
            case "message" -> { }
            default -> fail("only messages, joined and left notices come to a member during the churn: " + notice);
        }
    }

    private Set<String> onlineSeenByNewcomer() {
        try (ChatClient newcomer = server.connect("newcomer")) {
            newcomer.join("newcomer");
            Set<String> online = new TreeSet<>();
            newcomer.expect("welcome", "the newcomer's welcome").getAsJsonArray("online").forEach(name -> online.add(name.getAsString()));
            online.remove("newcomer");
            newcomer.leave();
            return online;
        }
    }

    private static List<ChatClient> concat(List<ChatClient> a, List<ChatClient> b) {
        List<ChatClient> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
