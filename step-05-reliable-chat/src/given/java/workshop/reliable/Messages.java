package workshop.reliable;

import java.util.List;

/**
 * What step 5 adds to step 4's messages ({@link workshop.core.Protocol}, which writes and reads these
 * too): ids on messages, a welcome that replays what was missed, acks. Gson leaves out a field that is
 * null, so a step-4 client that never sends {@code lastId} or {@code clientId} gets step 4's messages,
 * plus their {@code id}s.
 */
public final class Messages {

    /**
     * Anything a client sends: {@code join} (with the {@code lastId} it showed, after a reconnect),
     * {@code message} with a text (and a {@code clientId} to be acknowledged), {@code typing}.
     */
    public record ClientMessage(String type, String text, String lastId, String clientId) {
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

    private Messages() {
    }
}
