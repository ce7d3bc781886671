package workshop.reliable;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import workshop.reliable.History.Catchup;
import workshop.reliable.Protocol.Ack;
import workshop.reliable.Protocol.ClientMessage;
import workshop.reliable.Protocol.ErrorReply;
import workshop.reliable.Protocol.Joined;
import workshop.reliable.Protocol.Left;
import workshop.reliable.Protocol.Message;
import workshop.reliable.Protocol.Typing;
import workshop.reliable.Protocol.Welcome;

/**
 * The room: step 4's rules, for members who log in, drop off and come back.
 *
 * <p>Thread safety: none needed, by design. Only the hub thread calls the room (see {@link Hub}), one
 * event at a time, so its maps have one owner. Sends go through {@link Connection#send}, which never
 * calls back into the room.
 */
public final class ChatRoom {

    private static final Logger log = LoggerFactory.getLogger(ChatRoom.class);

    private final Clock clock;
    /** Every open connection, by id, in order of arrival. Only those that joined are in the room. */
    private final Map<String, Member> members = new LinkedHashMap<>();
    private final History history = new History();
    /**
     * A sender's name and a clientId -> the id its message got, for the last {@link Limits#REMEMBERED_SENDS}
     * messages: a resend of one of them is acknowledged again, and shown to no one.
     */
    private final Map<String, String> sent = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > Limits.REMEMBERED_SENDS;
        }
    };

    /** One connection, and whether its join was accepted. */
    private static final class Member {
        final Connection connection;
        final RateLimiter limiter;
        boolean joined;
        /** Set when the rate limit drops a message (its sender is told once), cleared when one gets through. */
        boolean throttled;

        Member(Connection connection, RateLimiter limiter) {
            this.connection = connection;
            this.limiter = limiter;
        }

        String name() {
            return connection.name();
        }
    }

    /** @param clock the time for messages and for the rate limit; tests pass one they can move */
    public ChatRoom(Clock clock) {
        this.clock = clock;
    }

    public void connect(Connection connection) {
        members.put(connection.id(), new Member(connection,
                new RateLimiter(clock, Limits.RATE_LIMIT_BURST, Limits.RATE_LIMIT_PER_SECOND)));
        log.info("Connected: {} ({})", connection.name(), connection.id());
    }

    public void receive(Connection connection, String json) {
        Member member = members.get(connection.id());
        if (member == null) {
            return; // replaced by a newer connection of the same member; its last words are void
        }
        try {
            if (!member.limiter.tryAcquire()) {
                if (member.throttled) {
                    return;
                }
                member.throttled = true;
                throw new ProtocolError("rate-limited", "Slow down: at most " + Limits.RATE_LIMIT_BURST + " messages at once, then "
                        + Limits.RATE_LIMIT_PER_SECOND + " a second. Your messages are dropped until you slow down.");
            }
            member.throttled = false;
            ClientMessage message = Protocol.parse(json);
            switch (message.type()) {
                case "join" -> join(member, message.lastId());
                case "message" -> say(member, message.text(), message.clientId());
                case "typing" -> typing(member);
                default -> throw new ProtocolError("unknown-type",
                        "Unknown type \"" + message.type() + "\": use join, message or typing.");
            }
        } catch (ProtocolError error) {
            reject(member, error);
        }
    }

    public void disconnect(Connection connection, int status) {
        Member member = members.remove(connection.id());
        if (member == null) {
            log.info("Closed with {}: {}, replaced by a newer connection", status, connection.name());
            return;
        }
        if (!member.joined) {
            log.info("Closed with {} before joining: {} ({})", status, member.name(), connection.id());
            return;
        }
        log.info("{} left: closed with {}", member.name(), status);
        broadcast(new Left(member.name(), count()));
    }

    /**
     * The name is the one the login token proved. A member with that name already in the room is an
     * older connection of the same person: one the network cut without the server noticing yet (a
     * ghost), or another tab. The newer connection wins, so that coming back never waits for the
     * server to notice the old one is dead.
     */
    private void join(Member member, String lastId) {
        if (member.joined) {
            throw new ProtocolError("already-joined", "You are already in the room as " + member.name() + ".");
        }
        Catchup catchup = history.since(lastId);
        Optional<Member> older = members.values().stream()
                .filter(other -> other.joined && other.name().equals(member.name()))
                .findFirst();
        older.ifPresent(ghost -> {
            members.remove(ghost.connection.id());
            // 4000-4999: private use (RFC 6455 §7.4.2); 4001 as in step 4. The page does not reconnect after it.
            ghost.connection.close(4001, "You joined again from another connection.");
        });
        member.joined = true;
        log.info("{} joined, {} to catch up, {} missed", member.name(), catchup.messages().size(), catchup.missed());
        send(member, new Welcome(member.name(), online(), catchup.messages(), catchup.missed()));
        if (older.isEmpty()) {
            broadcastExcept(member, new Joined(member.name(), count()));
        }
    }

    private void say(Member member, String text, String clientId) {
        requireJoined(member);
        if (text == null || text.isBlank()) {
            throw new ProtocolError("message-empty", "A message needs some text.");
        }
        int length = text.codePointCount(0, text.length());
        if (length > Limits.MAX_TEXT_LENGTH) {
            throw new ProtocolError("message-too-long", "A message has at most " + Limits.MAX_TEXT_LENGTH
                    + " characters; this one has " + length + ". It was not sent.");
        }
        if (clientId != null && (clientId.isEmpty() || clientId.length() > Limits.MAX_CLIENT_ID_LENGTH)) {
            throw new ProtocolError("client-id-invalid", "A clientId has 1 to " + Limits.MAX_CLIENT_ID_LENGTH + " characters.");
        }
        // A name has no control characters (Nicknames), so a newline cannot join two pairs into one key.
        String key = member.name() + "\n" + clientId;
        String earlier = clientId == null ? null : sent.get(key);
        if (earlier != null) {
            send(member, new Ack(clientId, earlier));
            return;
        }
        Message message = history.append(member.name(), text, clock.instant().toString());
        broadcast(message);
        if (clientId != null) {
            sent.put(key, message.id());
            send(member, new Ack(clientId, message.id()));
        }
    }

    private void typing(Member member) {
        requireJoined(member);
        broadcastExcept(member, new Typing(member.name()));
    }

    private void reject(Member member, ProtocolError error) {
        log.info("Refused {} from {}: {}", error.code(), member.name(), error.getMessage());
        send(member, new ErrorReply(error));
    }

    private static void requireJoined(Member member) {
        if (!member.joined) {
            throw new ProtocolError("not-joined", "Join first: send {\"type\":\"join\"}.");
        }
    }

    /** The names in the room, sorted the way people read a list: alphabetically, ignoring case. */
    private List<String> online() {
        return members.values().stream()
                .filter(member -> member.joined)
                .map(Member::name)
                .sorted(String.CASE_INSENSITIVE_ORDER)
                .toList();
    }

    private int count() {
        return (int) members.values().stream().filter(member -> member.joined).count();
    }

    private void send(Member member, Object message) {
        member.connection.send(Protocol.toJson(message));
    }

    private void broadcast(Object message) {
        broadcastExcept(null, message);
    }

    /** To every member in the room except {@code skipped}; the JSON is written once for all of them. */
    private void broadcastExcept(Member skipped, Object message) {
        String json = Protocol.toJson(message);
        for (Member member : members.values()) {
            if (member.joined && member != skipped) {
                member.connection.send(json);
            }
        }
    }
}
