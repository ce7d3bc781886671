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
            // TODO 4: no token (member.limiter.tryAcquire()) → drop it; "rate-limited" for the first of a flood (member.throttled)
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
        // TODO 3: tell everyone still here: broadcast a Left with member.name and the new online()
    }

    private void join(Member member, String requested) {
        // TODO 4: "already-joined" if member.name is set; Nicknames.validate; "name-taken" for a name here in any case
        // TODO 1: set member.name, log it, send it a Welcome (name, online(), history copy); broadcastExcept a Joined
        throw new UnsupportedOperationException("TODO 1: ChatRoom.join");
    }

    private void say(Member member, String text) {
        // TODO 4: requireJoined; "message-empty" if null or blank; "message-too-long" past Limits.MAX_TEXT_LENGTH code points
        // TODO 2: a Message stamped clock.instant().toString(), into the history (Limits.HISTORY_SIZE at most); broadcast it
        throw new UnsupportedOperationException("TODO 2: ChatRoom.say");
    }

    private void typing(Member member) {
        // TODO 4: requireJoined(member) first
        // TODO 3: tell everyone but this member that they are typing: broadcastExcept with a Typing
    }

    private void reject(Member member, ProtocolError error) {
        log.info("Refused {} from {}: {}", error.code(), member.ctx.sessionId(), error.getMessage());
        // TODO 4: send the member an ErrorReply made from the error: only the sender hears of its mistake
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
        // TODO 1: turn the message into JSON with Protocol.toJson and send it on member.ctx
        throw new UnsupportedOperationException("TODO 1: ChatRoom.send");
    }

    private void broadcast(Object message) {
        broadcastExcept(null, message);
    }

    /** To every member in the room except {@code skipped}; the JSON is written once for all of them. */
    private void broadcastExcept(Member skipped, Object message) {
        // TODO 1: Protocol.toJson once, then send it to every member that has a name, except skipped
        throw new UnsupportedOperationException("TODO 1: ChatRoom.broadcastExcept");
    }
}
