package workshop.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static workshop.chat.ChatClient.string;
import static workshop.chat.ChatClient.type;

import com.google.gson.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import workshop.progress.Hint;

@DisplayName("Task 5: bad input gets an error reply, and the room keeps working")
@Hint("The checks marked TODO 5 in ChatRoom: the rate limit in receive, the name rules in join, the text rules in checkText")
class Task5BadInputTest {

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

            stranger.expectError("not-joined", "the answer to a message sent before joining: requireJoined in ChatRoom.say");
            stranger.expectError("not-joined", "the answer to typing before joining: requireJoined in ChatRoom.typing");
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
            assertEquals("bob", string(ada.expect("joined", "bob joined"), "name"), "ada should hear of bob only, never of ADA");
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
            ada.expect("joined", "bob joined");

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

    @Test
    @DisplayName("a flood is cut by the rate limit: the extra messages are dropped, the sender is told once, the others all arrive")
    void flood() {
        int sent = Limits.RATE_LIMIT_BURST + 5;
        try (ChatClient ada = server.join("ada"); ChatClient bob = server.join("bob")) {
            ada.expect("joined", "bob joined");
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
                    + " rate-limited error (ChatRoom.receive)");
            // The room handles ada's close after all she sent: once bob hears she left, every reply to her is out.
            ada.leave();
            for (String text : accepted) {
                assertEquals(text, string(bob.expect("message", text), "text"), "bob gets every accepted message, in order");
            }
            assertEquals("ada", string(bob.expect("left", "ada's departure"), "name"),
                    "after ada's accepted messages bob hears only that she left: the dropped ones reach no one");
            ada.awaitClose("the answer to ada's close");
            assertEquals(List.of(), ada.rest().stream().map(ChatClient::brief).toList(),
                    "one rate-limited error for all the dropped messages, not one each (member.throttled)");
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
            ada.expectError("rate-limited", "the answer to the first message over Limits.RATE_LIMIT_BURST (ChatRoom.receive)");

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
                    + " so ada is told again (clear member.throttled when tryAcquire says yes)");
        }
    }

}
