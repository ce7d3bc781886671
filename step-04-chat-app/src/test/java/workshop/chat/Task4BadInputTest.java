package workshop.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static workshop.chattest.ChatClient.string;
import static workshop.chattest.ChatClient.type;

import com.google.gson.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import workshop.chattest.ChatClient;
import workshop.chattest.ServerLog;
import workshop.core.Limits;
import workshop.progress.Hint;

@DisplayName("Task 4: bad input gets an error reply, and the room keeps working")
@Hint("The checks marked TODO 4 in ChatRoom: the name rules in join, the text rules in checkText")
class Task4BadInputTest {

    private final ChatServer server = new ChatServer();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    @DisplayName("a message or typing before joining gets a not-joined error and reaches no one")
    void notJoined() {
        try (ChatClient bob = server.join("bob"); ChatClient stranger = server.connect("stranger")) {
            stranger.say("who is here?");
            stranger.typing();
            stranger.join("carol");

            stranger.expectError("not-joined", "the answer to a message sent before joining: requireJoined in ChatRoom.checkText (TODO 4)");
            stranger.expectError("not-joined", "the answer to typing before joining: ChatRoom.typing calls requireJoined (given)");
            stranger.expect("welcome", "the stranger's join");
            JsonObject next = bob.next("the notice that carol joined");
            assertEquals("joined", type(next), "bob's first message should be carol's arrival: nothing she sent before joining may reach him. Got " + next);
        }
    }

    @Test
    @DisplayName("a blank, too long or control-character name gets name-invalid, and the user may try again; names are trimmed")
    void invalidNames() {
        String longest = "n".repeat(Limits.MAX_NAME_LENGTH);
        try (ChatClient user = server.connect("user")) {
            List<String> bad = List.of("", "   ", longest + "x", "bad\u0007name", "line\nbreak", "\u202Eevil");
            bad.forEach(user::join);
            user.join("  " + longest + " ");

            for (String name : bad) {
                user.expectError("name-invalid", "the answer to joining as \"" + name + "\": Nicknames.validate in ChatRoom.join");
            }
            JsonObject welcome = user.expect("welcome", "a good name after the bad ones, on the same connection");
            assertEquals(longest, string(welcome, "you"), "welcome.you is the trimmed name, and Limits.MAX_NAME_LENGTH characters are fine");
        }
    }

    @Test
    @DisplayName("names that look blank or hide characters get name-invalid: no-break space, fillers, separators, lone surrogates, bare marks")
    void blankLookingNames() {
        try (ChatClient user = server.connect("user")) {
            List<String> bad = List.of("\u00A0", "\u2800", "\u3164", "a\u2028b", "\u200B", "\u0301".repeat(Limits.MAX_NAME_LENGTH));
            bad.forEach(user::join);
            user.send("{\"type\":\"join\",\"name\":\"\\uD800\"}");
            user.join("\uD83D\uDE00".repeat(Limits.MAX_NAME_LENGTH));

            for (String name : bad) {
                user.expectError("name-invalid", "the answer to joining as " + escaped(name) + ": Nicknames.validate in ChatRoom.join");
            }
            user.expectError("name-invalid", "the answer to joining as a lone surrogate, \\uD800");
            JsonObject welcome = user.expect("welcome", "a name of " + Limits.MAX_NAME_LENGTH + " emoji: characters are counted, not UTF-16 units");
            assertEquals("\uD83D\uDE00".repeat(Limits.MAX_NAME_LENGTH), string(welcome, "you"), "welcome.you");
        }
    }

    @Test
    @DisplayName("names are NFKC-normalised: full-width ａｄａ is ada, and taken when ada is here")
    void normalisedNames() {
        try (ChatClient wide = server.connect("wide"); ChatClient other = server.connect("other")) {
            wide.join("\uFF41\uFF44\uFF41");
            assertEquals("ada", string(wide.expect("welcome", "the answer to joining as \uFF41\uFF44\uFF41 (full-width)"), "you"),
                    "the name after NFKC (Nicknames.validate)");
            other.join("ADA");
            other.expectError("name-taken", "the answer to joining as ADA while (full-width) ada is here");
        }
    }

    private static String escaped(String name) {
        StringBuilder out = new StringBuilder("\"");
        name.chars().forEach(c -> out.append(c < 0x7f && c >= 0x20 ? String.valueOf((char) c) : String.format("\\u%04X", c)));
        return out.append('"').toString();
    }

    @Test
    @DisplayName("a name already taken, in any case, gets name-taken, and the user may try another")
    void takenName() {
        try (ChatClient ada = server.join("ada"); ChatClient other = server.connect("other")) {
            other.join("ADA");
            other.join("bob");

            other.expectError("name-taken", "the answer to joining as ADA while ada is here: names are unique, ignoring case");
            other.expect("welcome", "a free name after the taken one, on the same connection");
            assertEquals(List.of("bob"), ChatClient.names(ada.expect("joined", "bob joined")), "ada should hear of bob only, never of ADA");
        }
    }

    @Test
    @DisplayName("a second join on the same connection gets already-joined and keeps the first name")
    void joinTwice() {
        try (ChatClient ada = server.join("ada")) {
            ada.join("ada2");
            ada.say("still ada");

            ada.expectError("already-joined", "the answer to a second join on the same connection");
            assertEquals("ada", string(ada.expect("message", "her message after the refused join"), "from"),
                    "a refused second join leaves the name as it was");
        }
    }

    @Test
    @DisplayName("a text over Limits.MAX_TEXT_LENGTH characters gets message-too-long and reaches no one; an empty one gets message-empty")
    void messageLength() {
        try (ChatClient ada = server.join("ada"); ChatClient bob = server.join("bob")) {
            ada.expectJoined("bob joined", "bob");

            ada.say("x".repeat(Limits.MAX_TEXT_LENGTH + 1));
            ada.say("  ");
            ada.say("y".repeat(Limits.MAX_TEXT_LENGTH));

            ada.expectError("message-too-long", "the answer to a text one character over Limits.MAX_TEXT_LENGTH");
            ada.expectError("message-empty", "the answer to a blank message");
            JsonObject next = bob.expect("message", "ada's message with a text of exactly Limits.MAX_TEXT_LENGTH characters");
            assertEquals(Limits.MAX_TEXT_LENGTH, string(next, "text").length(),
                    "bob's first message should be the one that fits; the refused ones reach no one");
        }
    }
}
