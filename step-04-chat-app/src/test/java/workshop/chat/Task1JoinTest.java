package workshop.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static workshop.chattest.ChatClient.string;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import workshop.chattest.ChatClient;
import workshop.chattest.ServerLog;
import workshop.core.Limits;
import workshop.progress.Hint;

@DisplayName("Task 1: join the room: a welcome for the newcomer, a joined notice for the others")
@Hint("ChatRoom.join: set member.name and member.token, hub.send a Welcome, then hub.announceJoin(member) for the others")
class Task1JoinTest {

    private final ChatServer server = new ChatServer();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    @DisplayName("the newcomer gets a welcome with their name, who is online, the (empty) history and a token for the seat")
    void welcome() {
        try (ChatClient ada = server.connect("ada")) {
            ada.join("ada");

            JsonObject welcome = ada.expect("welcome", "the answer to {\"type\":\"join\",\"name\":\"ada\"}: ChatRoom.join");
            assertEquals("ada", string(welcome, "you"), "welcome.you, the name ada joined with: " + welcome);
            assertEquals(List.of("ada"), names(welcome.getAsJsonArray("online")), "welcome.online: " + welcome);
            assertEquals(0, welcome.getAsJsonArray("history").size(), "welcome.history in a new room: " + welcome);
            String token = string(welcome, "token");
            assertTrue(token != null && token.length() >= 16, "welcome.token, member.token: " + welcome);
        }
    }

    @Test
    @DisplayName("the newcomer's online list is sorted by name; the others get a joined notice with the name and the new count")
    void joinedNotice() {
        try (ChatClient bob = server.join("bob"); ChatClient ada = server.connect("ada")) {
            ada.join("ada");

            JsonObject welcome = ada.expect("welcome", "the answer to ada's join");
            assertEquals(List.of("ada", "bob"), names(welcome.getAsJsonArray("online")), "ada's welcome.online: " + welcome);
            JsonObject joined = bob.expect("joined", "the notice that ada joined, from ChatRoom.join to the others (hub.announceJoin)");
            assertEquals(List.of("ada"), ChatClient.names(joined), "joined.names: " + joined);
            assertEquals(2, joined.get("count").getAsInt(), "joined.count, the number of members now (count()): " + joined);
            assertFalse(joined.has("online"), "a joined notice carries no list, so a join costs each member one name: " + joined);
        }
    }

    @Test
    @DisplayName("the newcomer gets no joined notice about themselves, only the notices about later arrivals")
    void noNoticeAboutYourself() {
        try (ChatClient ada = server.join("ada"); ChatClient bob = server.join("bob"); ChatClient carol = server.join("carol")) {
            JsonObject next = bob.expect("joined", "the notice that carol joined");
            assertEquals(List.of("carol"), ChatClient.names(next),
                    "bob's first message after his welcome should be about carol (the joined notice goes to the others only): " + next);
        }
    }

    static List<String> names(JsonArray array) {
        return array.asList().stream().map(element -> element.getAsString()).toList();
    }
}
