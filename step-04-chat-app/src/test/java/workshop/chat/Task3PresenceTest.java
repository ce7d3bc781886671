package workshop.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static workshop.chat.ChatClient.string;
import static workshop.chat.Task1JoinTest.names;

import com.google.gson.JsonObject;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import workshop.progress.Hint;

@DisplayName("Task 3: presence: the others see who is typing and who left")
@Hint("ChatRoom.typing: broadcastExcept(member, new Typing(member.name)); ChatRoom.disconnect: broadcast a Left with the new online()")
class Task3PresenceTest {

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
    @DisplayName("closing the connection tells everyone left, with the new online list")
    void left() {
        try (ChatClient ada = server.join("ada"); ChatClient bob = server.join("bob"); ChatClient carol = server.join("carol")) {
            ada.expect("joined", "bob joined");
            ada.expect("joined", "carol joined");
            bob.expect("joined", "carol joined");

            bob.leave();

            for (ChatClient member : new ChatClient[] {ada, carol}) {
                JsonObject left = member.expect("left", "the notice that bob left, from ChatRoom.disconnect");
                assertEquals("bob", string(left, "name"), "left.name: " + left);
                assertEquals(List.of("ada", "carol"), names(left.getAsJsonArray("online")), "left.online: " + left);
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
    @DisplayName("stopping the server closes every member's connection with 1001, going away")
    void stopSaysGoingAway() {
        try (ChatClient ada = server.join("ada"); ChatClient bob = server.join("bob")) {
            server.stop();

            assertEquals(1001, ada.awaitClose("the server stopped"), "ada's close code when the server stops (RFC 6455 §7.4.1)");
            assertEquals(1001, bob.awaitClose("the server stopped"), "bob's close code when the server stops (RFC 6455 §7.4.1)");
        }
    }
}
