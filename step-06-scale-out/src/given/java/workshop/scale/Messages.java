package workshop.scale;

import java.util.List;

/**
 * What step 6 adds to step 4's messages ({@link workshop.core.Protocol} writes and reads these too, and
 * its {@code joined}, {@code left}, {@code typing} and {@code error} are step 6's as they are): message
 * ids and catch-up ({@code lastId}, {@code missed}), and the room's state ({@code degraded},
 * {@code recovered}). Gson leaves out a field that is null.
 */
public final class Messages {

    /** Anything a client sends: {@code join} with a name (and the {@code lastId} it showed), {@code message}, {@code typing}. */
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

    /** To this instance's members: the cluster is gone; until it is back they only reach each other. */
    public record Degraded(String type, String message) {
        public Degraded(String message) {
            this("degraded", message);
        }
    }

    /** To this instance's members: the cluster is back; who is online now. */
    public record Recovered(String type, List<String> online) {
        public Recovered(List<String> online) {
            this("recovered", online);
        }
    }

    /** Any event that travels between instances, read back: the room looks at its type, id and names. */
    public record Event(String type, String id, String name, List<String> names) {
    }

    private Messages() {
    }
}
