package workshop.reliable;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import com.google.gson.Strictness;
import java.util.List;

/**
 * The chat's messages: step 4's, with the fields that make it reliable (see the README's table).
 * Gson leaves out a field that is null, so a step-4 client that never sends {@code lastId} or
 * {@code clientId} gets step 4's messages, plus their {@code id}s.
 */
public final class Protocol {

    // Strict: the protocol is plain JSON (RFC 8259). No HTML escaping: showing text safely is the page's job.
    private static final Gson GSON = new GsonBuilder()
            .setStrictness(Strictness.STRICT)
            .disableHtmlEscaping()
            .create();

    /**
     * Anything a client sends: {@code join} (with the {@code lastId} it showed, after a reconnect),
     * {@code message} with a text (and a {@code clientId} to be acknowledged), {@code typing}.
     */
    public record ClientMessage(String type, String name, String text, String lastId, String clientId) {
    }

    /**
     * To a member who joins: their name, who is online, what they missed (everything kept, for a
     * newcomer), and how many messages they missed that the room no longer keeps.
     */
    public record Welcome(String type, String you, List<String> online, List<Message> history, long missed) {
        public Welcome(String you, List<String> online, List<Message> history, long missed) {
            this("welcome", you, online, history, missed);
        }
    }

    /** To everyone: a chat message, with the room's id for it (increasing), its sender and the server's time. */
    public record Message(String type, String id, String from, String text, String at) {
        public Message(String id, String from, String text, String at) {
            this("message", id, from, text, at);
        }
    }

    /** To the sender only: the message with this {@code clientId} is in the room, under this {@code id}. */
    public record Ack(String type, String clientId, String id) {
        public Ack(String clientId, String id) {
            this("ack", clientId, id);
        }
    }

    /**
     * To everyone already there: someone joined, and how many are in the room now. Not the whole list,
     * as in step 4: with it, a room of N costs N names per recipient per join, N² for everyone to arrive.
     */
    public record Joined(String type, String name, int count) {
        public Joined(String name, int count) {
            this("joined", name, count);
        }
    }

    /** To everyone still there: someone left, and how many are in the room now. */
    public record Left(String type, String name, int count) {
        public Left(String name, int count) {
            this("left", name, count);
        }
    }

    /** To everyone but the typist: someone is typing. */
    public record Typing(String type, String name) {
        public Typing(String name) {
            this("typing", name);
        }
    }

    /** To one client: what it sent was refused, and why. */
    public record ErrorReply(String type, String code, String message) {
        public ErrorReply(ProtocolError error) {
            this("error", error.code(), error.getMessage());
        }
    }

    private Protocol() {
    }

    /** Reads one message from a client; anything but a JSON object with a "type" is a bad-json error. */
    public static ClientMessage parse(String json) {
        try {
            ClientMessage message = GSON.fromJson(json, ClientMessage.class);
            if (message != null && message.type() != null) {
                return message;
            }
        } catch (JsonParseException notJson) {
            // Answered like valid JSON of the wrong shape: the client needs the same advice.
        }
        throw new ProtocolError("bad-json", "Send one JSON object with a \"type\", such as {\"type\":\"message\",\"text\":\"hi\"}.");
    }

    public static String toJson(Object message) {
        return GSON.toJson(message);
    }
}
