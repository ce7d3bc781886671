package workshop.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import workshop.core.Protocol.Joined;
import workshop.core.Protocol.Left;

/**
 * Who joined and who left, gathered over {@link Limits#PRESENCE_WINDOW} and sent as one
 * {@code left} and one {@code joined} notice: a storm of N joins costs each member a few notices
 * instead of N, and the JSON of each is written once for all the members who were already there.
 *
 * <p>A newcomer's welcome already lists everyone who joined before it in the window, so it gets only
 * what happened after its welcome. Order is kept: a name that joins and leaves within one window is
 * sent at once, so that no member hears it leave before it joined. Hub thread only.
 */
final class Presence {

    private final List<String> joined = new ArrayList<>();
    private final List<String> left = new ArrayList<>();
    /** For the members who joined in this window: how many of each list their welcome covered. */
    private final Map<Connection, int[]> seen = new HashMap<>();

    boolean isEmpty() {
        return joined.isEmpty() && left.isEmpty();
    }

    /** After the member's welcome, which listed everyone in the room. */
    void joined(Connection member) {
        joined.add(member.name);
        seen.put(member, new int[] {joined.size(), left.size()});
    }

    /** @return whether the window must be sent first: the name joined within it */
    boolean mustFlushBeforeLeaving(Connection member) {
        return joined.stream().anyMatch(member.name::equals);
    }

    void left(Connection member) {
        left.add(member.name);
        seen.remove(member);
    }

    /** Sends the window's notices to every member, through {@code hub}, and starts a new window. */
    void flush(Hub hub, Iterable<Connection> members, int count) {
        byte[] allLeft = left.isEmpty() ? null : Protocol.utf8(new Left(List.copyOf(left), count));
        byte[] allJoined = joined.isEmpty() ? null : Protocol.utf8(new Joined(List.copyOf(joined), count));
        for (Connection member : members) {
            int[] from = seen.get(member);
            if (from == null) {
                hub.deliver(member, allLeft);
                hub.deliver(member, allJoined);
            } else {
                hub.deliver(member, from[1] == left.size() ? null : Protocol.utf8(new Left(left.subList(from[1], left.size()), count)));
                hub.deliver(member, from[0] == joined.size() ? null : Protocol.utf8(new Joined(joined.subList(from[0], joined.size()), count)));
            }
        }
        joined.clear();
        left.clear();
        seen.clear();
    }
}
