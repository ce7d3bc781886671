package workshop.reliable;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import workshop.core.ProtocolError;
import workshop.reliable.Messages.Message;

/**
 * What the room said lately, under ids that let a member who comes back ask for what it missed.
 * The ids count up from 1 in the order of the room ({@code "1"}, {@code "2"}, ...): a member that
 * showed message {@code "41"} has seen every message up to 41, and misses exactly those after it.
 *
 * <p>Not thread-safe: only the hub's thread uses it (see {@link ChatRoom}).
 */
public final class History {

    /** The messages to replay: those after the member's last id that are still kept, oldest first. */
    public record Catchup(List<Message> messages, long missed) {
    }

    private final Deque<Message> kept = new ArrayDeque<>();
    /** The id of the newest message, 0 before the first. */
    private long lastId;

    /** Adds a message under the next id, forgetting the oldest beyond {@link Limits#HISTORY_SIZE}. */
    public Message append(String from, String text, String at) {
        lastId++;
        Message message = new Message(Long.toString(lastId), from, text, at);
        kept.addLast(message);
        if (kept.size() > Limits.HISTORY_SIZE) {
            kept.removeFirst();
        }
        return message;
    }

    /**
     * What a member who joins should be shown.
     *
     * @param lastSeen the id of the last message the member showed, or null for a newcomer
     * @return for a newcomer, every message kept; for a member coming back, the kept messages after
     *         {@code lastSeen}, and how many after it are no longer kept
     * @throws ProtocolError {@code last-id-unknown} for an id this room never gave
     */
    public Catchup since(String lastSeen) {
        if (lastSeen == null) {
            return new Catchup(List.copyOf(kept), 0);
        }
        long seen = parseId(lastSeen);
        if (seen < 0 || seen > lastId) {
            // A page from before a restart, or a made-up id: replaying "after" it means nothing.
            throw new ProtocolError("last-id-unknown", "This room's newest message is " + lastId
                    + ": join without a lastId to get the history it keeps.");
        }
        List<Message> after = kept.stream().filter(message -> parseId(message.id()) > seen).toList();
        long oldestKept = lastId - kept.size() + 1;
        return new Catchup(after, Math.max(0, oldestKept - 1 - seen));
    }

    /** A decimal id, or -1 for anything else. */
    private static long parseId(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException notAnId) {
            return -1;
        }
    }
}
