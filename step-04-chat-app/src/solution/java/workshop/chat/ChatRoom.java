package workshop.chat;

import io.javalin.websocket.WsContext;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import workshop.chat.Protocol.ClientMessage;
import workshop.chat.Protocol.ErrorReply;
import workshop.chat.Protocol.Joined;
import workshop.chat.Protocol.Left;
import workshop.chat.Protocol.Message;
import workshop.chat.Protocol.Typing;
import workshop.chat.Protocol.Welcome;

/**
 * The room: who is here, what was said lately, and the rules of the protocol (see the README's table).
 *
 * <p>Thread safety: Jetty calls the room from many threads at once, one for each connection that has
 * something to say. Every public method is {@code synchronized}, so the room handles one event at a
 * time. That makes "is this name free? then it is mine" a single step that no other join can split,
 * gives the history one writer at a time, and sends every member the events in one order: the order
 * of the history. Sending while holding the lock is cheap: Jetty's send queues the frame and returns.
 */
public final class ChatRoom {

    private static final Logger log = LoggerFactory.getLogger(ChatRoom.class);

    private final Clock clock;
    /** Every open connection, by session id, in order of arrival. Only those with a name are in the room. */
    private final Map<String, Member> members = new LinkedHashMap<>();
    private final Deque<Message> history = new ArrayDeque<>();

    /** One connection. {@code name} stays null until its join is accepted. */
    private static final class Member {
        final WsContext ctx;
        final RateLimiter limiter;
        String name;
        /** Set when the rate limit drops a message (its sender is told once), cleared when one gets through. */
        boolean throttled;

        Member(WsContext ctx, RateLimiter limiter) {
            this.ctx = ctx;
            this.limiter = limiter;
        }
    }

    /** @param clock the time for messages and for the rate limit; tests pass one they can move */
    public ChatRoom(Clock clock) {
        this.clock = clock;
    }

    public synchronized void connect(WsContext ctx) {
        members.put(ctx.sessionId(), new Member(ctx,
                new RateLimiter(clock, Limits.RATE_LIMIT_BURST, Limits.RATE_LIMIT_PER_SECOND)));
        log.info("Connected: {}", ctx.sessionId());
    }

    public synchronized void receive(WsContext ctx, String json) {
        Member member = members.get(ctx.sessionId());
        try {
            if (!member.limiter.tryAcquire()) {
                // One reply per flood, not one per dropped message: a flooder that never reads would
                // otherwise fill Jetty's outgoing queue for it, which has no limit, with our replies.
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
                case "join" -> join(member, message.name());
                case "message" -> say(member, message.text());
                case "typing" -> typing(member);
                default -> throw new ProtocolError("unknown-type",
                        "Unknown type \"" + message.type() + "\": use join, message or typing.");
            }
        } catch (ProtocolError error) {
            reject(member, error);
        }
    }

    public synchronized void disconnect(WsContext ctx, int status) {
        Member member = members.remove(ctx.sessionId());
        if (member == null || member.name == null) {
            log.info("Closed with {} before joining: {}", status, ctx.sessionId());
            return;
        }
        log.info("{} left: closed with {}", member.name, status);
        broadcast(new Left(member.name, online()));
    }

    private void join(Member member, String requested) {
        if (member.name != null) {
            throw new ProtocolError("already-joined", "You are already in the room as " + member.name + ".");
        }
        String name = Nicknames.validate(requested);
        if (members.values().stream().anyMatch(other -> name.equalsIgnoreCase(other.name))) {
            throw new ProtocolError("name-taken", "Someone here is already called " + name + ". Try another name.");
        }
        member.name = name;
        log.info("{} joined", name);
        send(member, new Welcome(name, online(), List.copyOf(history)));
        broadcastExcept(member, new Joined(name, online()));
    }

    private void say(Member member, String text) {
        requireJoined(member);
        if (text == null || text.isBlank()) {
            throw new ProtocolError("message-empty", "A message needs some text.");
        }
        int length = text.codePointCount(0, text.length());
        if (length > Limits.MAX_TEXT_LENGTH) {
            throw new ProtocolError("message-too-long", "A message has at most " + Limits.MAX_TEXT_LENGTH
                    + " characters; this one has " + length + ". It was not sent.");
        }
        Message message = new Message(member.name, text, clock.instant().toString());
        history.addLast(message);
        if (history.size() > Limits.HISTORY_SIZE) {
            history.removeFirst();
        }
        broadcast(message);
    }

    private void typing(Member member) {
        requireJoined(member);
        broadcastExcept(member, new Typing(member.name));
    }

    private void reject(Member member, ProtocolError error) {
        log.info("Refused {} from {}: {}", error.code(), member.ctx.sessionId(), error.getMessage());
        send(member, new ErrorReply(error));
    }

    private static void requireJoined(Member member) {
        if (member.name == null) {
            throw new ProtocolError("not-joined", "Join first: send {\"type\":\"join\",\"name\":\"...\"}.");
        }
    }

    /** The names in the room, sorted the way people read a list: alphabetically, ignoring case. */
    private List<String> online() {
        return members.values().stream()
                .filter(member -> member.name != null)
                .map(member -> member.name)
                .sorted(String.CASE_INSENSITIVE_ORDER)
                .toList();
    }

    private void send(Member member, Object message) {
        member.ctx.send(Protocol.toJson(message));
    }

    private void broadcast(Object message) {
        broadcastExcept(null, message);
    }

    /** To every member in the room except {@code skipped}; the JSON is written once for all of them. */
    private void broadcastExcept(Member skipped, Object message) {
        String json = Protocol.toJson(message);
        for (Member member : members.values()) {
            if (member.name != null && member != skipped) {
                member.ctx.send(json);
            }
        }
    }
}
