package workshop.core;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import com.google.gson.Strictness;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The chat's messages: JSON objects whose {@code "type"} says what they are, one record per type.
 * The step README has them all in a table. Gson writes a record's fields in their declared order,
 * so {@code "type"} always comes first.
 */
public final class Protocol {

    // Strict: the protocol is plain JSON (RFC 8259), not Gson's lenient dialect with unquoted names.
    // No HTML escaping: "<" travels as "<". Making text safe to show is the page's job (textContent).
    private static final Gson GSON = new GsonBuilder()
            .setStrictness(Strictness.STRICT)
            .disableHtmlEscaping()
            .create();

    /**
     * Anything a client sends: {@code join} with a name (and, from a page coming back, the token of its
     * seat), {@code message} with a text, {@code typing}.
     */
    public record ClientMessage(String type, String name, String text, String token) {
    }

    /**
     * To a newcomer: the name they got, who is online, the recent history (oldest first), and the token
     * that gets the same seat back on a new connection after a network drop.
     */
    public record Welcome(String type, String you, List<String> online, List<Message> history, String token) {
        public Welcome(String you, List<String> online, List<Message> history, String token) {
            this("welcome", you, online, history, token);
        }
    }

    /** To everyone: a chat message, with its sender and the server's time (ISO-8601, UTC). */
    public record Message(String type, String from, String text, String at) {
        public Message(String from, String text, String at) {
            this("message", from, text, at);
        }
    }

    /**
     * To everyone already there: who joined (one name, or all those of a short window, oldest first),
     * and how many are in the room now. Not the whole list: with it, a room of N costs N names per
     * recipient per join, N² for everyone to arrive.
     */
    public record Joined(String type, List<String> names, int count) {
        public Joined(List<String> names, int count) {
            this("joined", names, count);
        }
    }

    /** To everyone still there: who left (one name, or all those of a short window), and how many are in the room now. */
    public record Left(String type, List<String> names, int count) {
        public Left(List<String> names, int count) {
            this("left", names, count);
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
        throw new ProtocolError("bad-json", "Send one JSON object with a \"type\", such as {\"type\":\"join\",\"name\":\"ada\"}.");
    }

    /** Reads a message of another shape (a later step's), with the same strict rules and the same error. */
    public static <T> T parse(String json, Class<T> type) {
        try {
            T message = GSON.fromJson(json, type);
            if (message != null) {
                return message;
            }
        } catch (JsonParseException notJson) {
            // Answered like an empty message: the client needs the same advice.
        }
        throw new ProtocolError("bad-json", "Send one JSON object with a \"type\", such as {\"type\":\"join\",\"name\":\"ada\"}.");
    }

    public static String toJson(Object message) {
        return GSON.toJson(message);
    }

    /** The message as JSON in UTF-8: written once, then sent to as many connections as need it. */
    public static byte[] utf8(Object message) {
        return utf8Of(toJson(message));
    }

    static byte[] utf8Of(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
