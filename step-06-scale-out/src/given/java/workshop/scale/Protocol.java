package workshop.scale;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import com.google.gson.Strictness;
import java.util.List;
import workshop.core.ProtocolError;

/**
 * The chat's messages: JSON objects whose {@code "type"} says what they are, one record per type
 * (the step README has them all in a table). Step 4's messages, plus message ids, catch-up
 * ({@code lastId}, {@code missed}) and the room's state ({@code degraded}, {@code recovered}).
 * Gson leaves out fields that are null.
 */
public final class Protocol {

    // Strict: the protocol is plain JSON (RFC 8259). No HTML escaping: showing text safely is the page's job.
    private static final Gson GSON = new GsonBuilder()
            .setStrictness(Strictness.STRICT)
            .disableHtmlEscaping()
            .create();

    /** Anything a client sends: {@code join} with a name (and the {@code lastId} it saw), {@code message}, {@code typing}. */
    public record ClientMessage(String type, String name, String text, String lastId) {
    }

    /**
     * To a newcomer: the name they got, who is online, and what it missed, oldest first: the messages
     * after its {@code lastId}, or the recent history. {@code missed} counts those no longer kept.
     */
    public record Welcome(String type, String you, List<String> online, List<Message> history, long missed, boolean degraded) {
        public Welcome(String you, List<String> online, List<Message> history, long missed, boolean degraded) {
            this("welcome", you, online, history, missed, degraded);
        }
    }

    /**
     * To everyone: a chat message, with its id (a Redis Stream id), its sender and the server's time
     * (ISO-8601, UTC). A message said while the room is degraded has no id: it is in no history.
     */
    public record Message(String type, String id, String from, String text, String at) {
        public Message(String id, String from, String text, String at) {
            this("message", id, from, text, at);
        }
    }

    /** To everyone already there: someone joined; who is online now. */
    public record Joined(String type, String name, List<String> online) {
        public Joined(String name, List<String> online) {
            this("joined", name, online);
        }
    }

    /** To everyone still there: someone left; who is online now. */
    public record Left(String type, String name, List<String> online) {
        public Left(String name, List<String> online) {
            this("left", name, online);
        }
    }

    /** To everyone but the typist: someone is typing. */
    public record Typing(String type, String name) {
        public Typing(String name) {
            this("typing", name);
        }
    }

    /** To this instance's members: the broker is gone; until it is back they only reach each other. */
    public record Degraded(String type, String message) {
        public Degraded(String message) {
            this("degraded", message);
        }
    }

    /** To this instance's members: the broker is back; who is online now. */
    public record Recovered(String type, List<String> online) {
        public Recovered(List<String> online) {
            this("recovered", online);
        }
    }

    /** To one client: what it sent was refused, and why. */
    public record ErrorReply(String type, String code, String message) {
        public ErrorReply(ProtocolError error) {
            this("error", error.code(), error.getMessage());
        }
    }

    /** Any event that travels between instances, read back: the room looks at its type and name. */
    public record Event(String type, String id, String name) {
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

    /** Reads an event that an instance published. */
    public static Event event(String json) {
        return GSON.fromJson(json, Event.class);
    }

    public static String toJson(Object message) {
        return GSON.toJson(message);
    }
}
