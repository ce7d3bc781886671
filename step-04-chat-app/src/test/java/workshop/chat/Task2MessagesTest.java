package workshop.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static workshop.chattest.ChatClient.string;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import workshop.chattest.ChatClient;
import workshop.chattest.ServerLog;
import workshop.core.Limits;
import workshop.progress.Hint;

@DisplayName("Task 2: chat: a message reaches everyone with its sender and the server's time")
@Hint("ChatRoom.say: a Message(member.name, text, clock.instant().toString()) into the history (at most Limits.HISTORY_SIZE), then hub.publish")
class Task2MessagesTest {

    private final ChatServer server = new ChatServer();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    @DisplayName("a message reaches every member, the sender too, with its sender, its text and the server's time")
    void messageToEveryone() {
        try (ChatClient ada = server.join("ada"); ChatClient bob = server.join("bob")) {
            ada.expectJoined("the notice that bob joined", "bob");
            ada.say("hi bob");

            for (ChatClient member : new ChatClient[] {ada, bob}) {
                JsonObject message = member.expect("message", "ada's \"hi bob\", from ChatRoom.say");
                assertEquals("ada", string(message, "from"), "message.from: " + message);
                assertEquals("hi bob", string(message, "text"), "message.text: " + message);
                assertEquals(server.clock.instant().toString(), string(message, "at"),
                        "message.at should be the server's clock.instant().toString(): " + message);
            }

            server.clock.advance(Duration.ofMinutes(3));
            bob.say("hi ada");
            JsonObject later = ada.expect("message", "bob's \"hi ada\"");
            assertEquals(server.clock.instant().toString(), string(later, "at"),
                    "message.at of a message sent 3 minutes later, by the server's clock: " + later);
        }
    }

    @Test
    @DisplayName("a newcomer's welcome carries the messages said before, oldest first")
    void historyForNewcomers() {
        try (ChatClient ada = server.join("ada")) {
            ada.say("one");
            ada.say("two");
            ada.say("three");
            ada.expect("message", "one");
            ada.expect("message", "two");
            ada.expect("message", "three");

            try (ChatClient bob = server.connect("bob")) {
                bob.join("bob");
                JsonArray history = bob.expect("welcome", "bob's welcome").getAsJsonArray("history");
                assertEquals(3, history.size(), "welcome.history after three messages: " + history);
                assertEquals("one", string(history.get(0).getAsJsonObject(), "text"), "the oldest message comes first: " + history);
                assertEquals("three", string(history.get(2).getAsJsonObject(), "text"), "the newest message comes last: " + history);
                assertEquals("ada", string(history.get(0).getAsJsonObject(), "from"), "history messages keep their sender: " + history);
            }
        }
    }

    @Test
    @DisplayName("the history keeps the last Limits.HISTORY_SIZE messages and forgets older ones")
    void historyIsBounded() {
        int sent = Limits.HISTORY_SIZE + 5;
        try (ChatClient ada = server.join("ada")) {
            for (int i = 1; i <= sent; i++) {
                server.clock.advance(Duration.ofSeconds(1)); // a calm pace: the rate limit never bites
                ada.say("message " + i);
                assertEquals("message " + i, string(ada.expect("message", "message " + i), "text"), "ada's own message comes back");
            }

            try (ChatClient bob = server.connect("bob")) {
                bob.join("bob");
                JsonArray history = bob.expect("welcome", "bob's welcome").getAsJsonArray("history");
                assertEquals(Limits.HISTORY_SIZE, history.size(),
                        "welcome.history after " + sent + " messages should hold Limits.HISTORY_SIZE of them");
                assertEquals("message 6", string(history.get(0).getAsJsonObject(), "text"), "the oldest message kept");
                assertEquals("message " + sent, string(history.get(history.size() - 1).getAsJsonObject(), "text"), "the newest message");
            }
        }
    }
}
