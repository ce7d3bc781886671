package workshop.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static workshop.chattest.ChatClient.string;
import static workshop.chattest.ChatClient.type;
import static workshop.chat.Task1JoinTest.names;

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
import workshop.chattest.ChatClient;
import workshop.chattest.ServerLog;
import workshop.core.Limits;
import workshop.progress.Hint;

@DisplayName("Task 3: presence: who is typing, who left, and a seat kept across a reconnect")
@Hint("ChatRoom.typing: hub.broadcastExcept a Typing; ChatRoom.left: hub.announceLeave(member); ChatRoom.join: the seat's token → takeOver")
class Task3PresenceTest {

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
            ada.expectJoined("the notice that bob joined", "bob");
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
            ada.expectJoined("bob and carol joined", "bob", "carol");
            bob.expectJoined("carol joined", "carol");

            bob.leave();

            for (ChatClient member : new ChatClient[] {ada, carol}) {
                JsonObject left = member.expect("left", "the notice that bob left, from ChatRoom.left (hub.announceLeave)");
                assertEquals(List.of("bob"), ChatClient.names(left), "left.names: " + left);
                assertEquals(2, left.get("count").getAsInt(), "left.count, the members still here (count()): " + left);
            }
        }
    }

    @Test
    @DisplayName("a name is free again once its owner has left")
    void nameIsFreedOnLeave() {
        try (ChatClient bob = server.join("bob")) {
            try (ChatClient ada = server.join("ada")) {
                bob.expectJoined("ada joined", "ada");
                ada.leave();
                bob.expectLeft("the notice that ada left", "ada");
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
            bob.expectJoined("ada joined", "ada");

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
}
