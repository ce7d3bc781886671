package workshop.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static workshop.chat.ChatClient.string;
import static workshop.chat.ChatClient.type;
import static workshop.chat.Task2JoinTest.names;

import com.google.gson.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import workshop.progress.Hint;

@DisplayName("Task 4: presence: who is typing, who left, and a seat kept across a reconnect")
@Hint("ChatRoom.typing: broadcastExcept a Typing; ChatRoom.leave: broadcast a Left (name, count()); ChatRoom.join: the seat's token → takeOver")
class Task4PresenceTest {

    /** 500 characters of 4 bytes each in UTF-8: about 2 KB a message, so a backlog grows fast. */
    private static final String HEAVY = "\uD83D\uDE00".repeat(Limits.MAX_TEXT_LENGTH - 10);

    private final ChatServer server = new ChatServer();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    @DisplayName("typing is shown to the others, not echoed to the typist")
    void typing() {
        try (ChatClient ada = server.join("ada"); ChatClient bob = server.join("bob")) {
            ada.expect("joined", "the notice that bob joined");
            ada.typing();
            ada.say("done typing");

            JsonObject typing = bob.expect("typing", "ada's typing, from ChatRoom.typing, before her message");
            assertEquals("ada", string(typing, "name"), "typing.name: " + typing);
            bob.expect("message", "ada's message after she typed");
            ada.expect("message", "her own message: the typing notice goes to the others only, not back to the typist");
        }
    }

    @Test
    @DisplayName("closing the connection tells everyone left, with the name and the new count")
    void left() {
        try (ChatClient ada = server.join("ada"); ChatClient bob = server.join("bob"); ChatClient carol = server.join("carol")) {
            ada.expect("joined", "bob joined");
            ada.expect("joined", "carol joined");
            bob.expect("joined", "carol joined");

            bob.leave();

            for (ChatClient member : new ChatClient[] {ada, carol}) {
                JsonObject left = member.expect("left", "the notice that bob left, from ChatRoom.leave");
                assertEquals("bob", string(left, "name"), "left.name: " + left);
                assertEquals(2, left.get("count").getAsInt(), "left.count, the members still here (count()): " + left);
            }
        }
    }

    @Test
    @DisplayName("a name is free again once its owner has left")
    void nameIsFreedOnLeave() {
        try (ChatClient bob = server.join("bob")) {
            try (ChatClient ada = server.join("ada")) {
                bob.expect("joined", "ada joined");
                ada.leave();
                bob.expect("left", "the notice that ada left");
            }
            try (ChatClient newAda = server.connect("the new ada")) {
                newAda.join("ada");
                assertEquals("ada", string(newAda.expect("welcome", "ada is free again"), "you"), "the new ada's welcome");
            }
        }
    }

    @Test
    @DisplayName("a page that reconnects with its seat's token gets its seat back: same name, no left or joined for the others")
    void reconnectKeepsTheSeat() {
        try (ChatClient bob = server.join("bob"); ChatClient ada = server.connect("ada")) {
            ada.join("ada");
            String token = string(ada.expect("welcome", "ada's welcome"), "token");
            bob.expect("joined", "ada joined");

            // Her network changed: a new connection, while the server still holds the old one.
            try (ChatClient back = server.connect("ada, back")) {
                back.join("ada", token);
                JsonObject welcome = back.expect("welcome", "the answer to a join with the seat's token: takeOver in ChatRoom.join");
                assertEquals("ada", string(welcome, "you"), "the seat keeps its name: " + welcome);
                assertEquals(List.of("ada", "bob"), names(welcome.getAsJsonArray("online")), "one ada in the room, not two: " + welcome);
                assertEquals(4001, ada.awaitClose("the old connection, replaced by the new one"), "4001: replaced");

                back.say("back again");
                JsonObject next = bob.next("ada's message from her new connection");
                assertEquals("back again", string(next, "text"),
                        "bob hears ada's message and nothing else: her seat never emptied, so no left or joined. Got " + next);
            }
        }
    }

    @Test
    @DisplayName("a client that never reads is closed with 1008 past Limits.MAX_QUEUED_BYTES; the others get every message, in order")
    void slowReader() {
        try (ChatClient ada = server.join("ada"); ChatClient bob = server.join("bob");
                ChatClient slow = ChatClient.connect(server.uri(), "slow", null, false)) {
            slow.join("slow");
            ada.expect("joined", "bob joined");
            assertEquals("slow", string(ada.expect("joined", "slow joined"), "name"), "the notice of the slow reader's join");
            bob.expect("joined", "slow joined");

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
                            assertEquals("slow", string(next, "name"), "only the slow reader may leave: " + next);
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
                    + " a send over Limits.MAX_QUEUED_BYTES must drop it, and the others hear that it left (ChatRoom.leave)");

            slow.startReading();
            assertEquals(1008, slow.awaitClose("the slow reader, once it reads what was waiting for it"), "1008, with a reason");
        }
    }

    @Test
    @DisplayName("a page that sent heartbeats and went silent leaves within Limits.SILENCE_TIMEOUT; one that keeps them up stays")
    void silentPeer() {
        try (ChatClient bob = server.join("bob"); ChatClient ada = server.join("ada"); ChatClient carol = server.join("carol")) {
            for (ChatClient page : new ChatClient[] {ada, carol}) {
                page.heartbeat();
                // The room handles one connection's messages in order: this answer comes after the heartbeat counted.
                page.send("{}");
                page.awaitError("bad-json", "the answer to {}, after the heartbeat (joined notices may come first)");
            }
            bob.expect("joined", "ada joined");
            bob.expect("joined", "carol joined");

            Duration half = Limits.SILENCE_TIMEOUT.dividedBy(2).plusSeconds(1);
            server.clock.advance(half);
            carol.heartbeat();
            carol.say("still here");
            assertEquals("still here", string(bob.expect("message", "carol's message"), "text"), "carol is still in the room");
            server.clock.advance(half);

            JsonObject left = bob.expect("left", "ada's departure: she went silent " + Limits.SILENCE_TIMEOUT.toSeconds()
                    + " s after her heartbeat (the room checks every Limits.CHECK_INTERVAL)");
            assertEquals("ada", string(left, "name"), "the silent page leaves; carol kept her heartbeat up: " + left);
            assertEquals(2, left.get("count").getAsInt(), "bob (no heartbeats, nothing to miss) and carol remain: " + left);
        }
    }

    /**
     * A classroom's worth of coming and going while three members chat: polite closes, dropped
     * sockets, pages that go silent, one client that never reads. Afterwards the room holds exactly
     * the open, joined connections, every member got every message once, in one order, and the server
     * logged no exception.
     */
    @Test
    @DisplayName("churn: 200 clients come and go in waves while members chat; no ghosts, every message once and in order, a clean log")
    void churn() {
        int waves = 4;
        int perWave = 50;
        try (ServerLog log = ServerLog.capture()) {
            List<ChatClient> chatters = List.of(server.join("chat-a"), server.join("chat-b"), server.join("chat-c"));
            List<ChatClient> staying = new ArrayList<>();
            List<Integer> saidBeforeJoining = new ArrayList<>();
            List<ChatClient> gone = new ArrayList<>();
            Set<String> expected = new TreeSet<>(Set.of("chat-a", "chat-b", "chat-c", "never-reads"));
            ChatClient neverReads = ChatClient.connect(server.uri(), "never-reads", null, false);
            neverReads.join("never-reads");
            int said = 0;
            try {
                for (int wave = 0; wave < waves; wave++) {
                    server.clock.advance(Duration.ofSeconds(10)); // the chatters' rate limit refills
                    List<ChatClient> silent = new ArrayList<>();
                    for (int i = 0; i < perWave; i++) {
                        String name = "w" + wave + "-" + i;
                        ChatClient client = server.join(name);
                        switch (i % 4) {
                            case 0 -> {
                                client.leave();
                                gone.add(client);
                            }
                            case 1 -> {
                                client.close(); // the socket drops, no close frame
                                gone.add(client);
                            }
                            case 2 -> {
                                client.heartbeat(); // a page, about to go silent
                                client.send("{}"); // its answer comes once the room has counted the heartbeat
                                // The last wave's silent pages may leave just before: their notices can come first.
                                client.awaitError("bad-json", "the answer to {}, after the heartbeat");
                                silent.add(client);
                            }
                            default -> {
                                staying.add(client);
                                saidBeforeJoining.add(said);
                                expected.add(name);
                            }
                        }
                        if (i % 10 == 0) {
                            chatters.get(said % chatters.size()).say("m" + said);
                            said++;
                        }
                    }
                    // The pages of this wave fall silent past the timeout: the room must notice by itself.
                    server.clock.advance(Limits.SILENCE_TIMEOUT.plusSeconds(1));
                    gone.addAll(silent);
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
                org.awaitility.Awaitility.await("the online list to be exactly the open, joined connections")
                        .atMost(ChatClient.TIMEOUT.multipliedBy(3))
                        .untilAsserted(() -> {
                            assertEquals(expected, onlineSeenByNewcomer(),
                                    "the online list after the churn: no ghosts of closed, dropped or silent clients");
                            for (JsonObject notice : chatters.get(0).rest()) {
                                track(seenByChatA, notice);
                            }
                            seenByChatA.remove("newcomer");
                            assertEquals(expected, seenByChatA, "who is here by chat-a's joined and left notices (ChatRoom.leave)");
                        });
                assertEquals(List.of(), log.problems(), "the server logged exceptions or stack traces during the churn");
            } finally {
                concat(chatters, staying).forEach(ChatClient::close);
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
            case "joined" -> presence.add(string(notice, "name"));
            case "left" -> presence.remove(string(notice, "name"));
            case "message" -> { }
            default -> fail("only messages, joined and left notices come to a member during the churn: " + notice);
        }
    }

    private Set<String> onlineSeenByNewcomer() {
        try (ChatClient newcomer = server.connect("newcomer")) {
            newcomer.join("newcomer");
            Set<String> online = new TreeSet<>(names(newcomer.expect("welcome", "the newcomer's welcome").getAsJsonArray("online")));
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
