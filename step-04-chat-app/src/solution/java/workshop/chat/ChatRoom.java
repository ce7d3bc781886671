package workshop.chat;

import io.javalin.websocket.WsContext;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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
 * <p>One owner. Jetty calls {@link #connect}, {@link #receive} and {@link #disconnect} from many
 * threads at once; each of them only posts an event to the room's own thread, the hub, which alone
 * reads and changes the members and the history, one event at a time. So "is this name free? then it
 * is mine" cannot be split by a second join, every member receives the events in one order (the
 * hub's), and no send can run room logic inside room logic: when a send fails, Jetty may run the
 * close handler on the sending thread, inside the send, and all that handler does is post another
 * event, handled after this one. A send only queues the frame (see {@link Outbox}), so a slow client
 * never holds up the hub; one that falls too far behind is closed.
 */
public final class ChatRoom implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ChatRoom.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Clock clock;
    private final int maxConnections;
    private final int maxConnectionsPerAddress;
    private final ScheduledExecutorService hub = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "chat-room");
        thread.setDaemon(true);
        return thread;
    });
    /** Every open connection, by session id, in order of arrival. Only those with a name are in the room. */
    private final Map<String, Member> members = new LinkedHashMap<>();
    private final Deque<Message> history = new ArrayDeque<>();

    /** One connection. {@code name} stays null until its join is accepted. */
    private static final class Member {
        final WsContext ctx;
        final Outbox out;
        final RateLimiter limiter;
        final String address;
        final Instant connected;
        /** Gets this seat back from a new connection: see {@link #takeOver}. */
        String token = newToken();
        String name;
        /** Set when the rate limit drops a message (its sender is told once), cleared when one gets through. */
        boolean throttled;
        /** Set by the first heartbeat: from then on, silence means the peer is gone. */
        boolean heartbeats;
        Instant lastHeard;

        Member(WsContext ctx, String address, Clock clock) {
            this.ctx = ctx;
            this.out = new Outbox(ctx);
            this.limiter = new RateLimiter(clock, Limits.RATE_LIMIT_BURST, Limits.RATE_LIMIT_PER_SECOND);
            this.address = address;
            this.connected = clock.instant();
            this.lastHeard = connected;
        }
    }

    /**
     * @param clock the time for messages, the rate limit and the deadlines; tests pass one they can move
     * @param maxConnections open connections in all ({@link Limits#CONNECTIONS})
     * @param maxConnectionsPerAddress open connections from one address ({@link Limits#CONNECTIONS_PER_ADDRESS})
     */
    public ChatRoom(Clock clock, int maxConnections, int maxConnectionsPerAddress) {
        this.clock = clock;
        this.maxConnections = maxConnections;
        this.maxConnectionsPerAddress = maxConnectionsPerAddress;
        long every = Limits.CHECK_INTERVAL.toMillis();
        hub.scheduleWithFixedDelay(() -> {
            try {
                checkDeadlines();
            } catch (RuntimeException bug) {
                // A periodic task that throws is never run again: log it, and check again next time.
                log.warn("ChatRoom failed checking its deadlines: {} at {}", bug, bug.getStackTrace()[0]);
            }
        }, every, every, TimeUnit.MILLISECONDS);
    }

    // Called on Jetty's threads. Each posts the event to the hub and returns at once.

    public void connect(WsContext ctx) {
        post(ctx, () -> opened(ctx));
    }

    public void receive(WsContext ctx, String json) {
        post(ctx, () -> received(ctx, json));
    }

    public void disconnect(WsContext ctx, int status) {
        post(ctx, () -> closed(ctx, status));
    }

    /** Stops the hub; the server calls it once it has stopped. */
    @Override
    public void close() {
        hub.shutdownNow();
    }

    private void post(WsContext ctx, Runnable event) {
        later(() -> {
            try {
                event.run();
            } catch (RuntimeException bug) {
                // RFC 6455 §7.4.1: 1011, the server met a condition it did not expect (a TODO, a bug).
                log.warn("ChatRoom failed on an event from {}: {} at {}", ctx.sessionId(), bug, bug.getStackTrace()[0]);
                ctx.closeSession(1011, shorten(String.valueOf(bug.getMessage())));
            }
        });
    }

    /** Runs the task on the hub, after the events posted before it; once the room has stopped, not at all. */
    private void later(Runnable task) {
        try {
            hub.execute(task);
        } catch (RejectedExecutionException stopped) {
            log.debug("The room has stopped: dropped an event");
        }
    }

    // On the hub's thread from here on.

    private void opened(WsContext ctx) {
        String address = ((InetSocketAddress) ctx.session.getRemoteSocketAddress()).getAddress().getHostAddress();
        long fromAddress = members.values().stream().filter(member -> member.address.equals(address)).count();
        if (members.size() >= maxConnections || fromAddress >= maxConnectionsPerAddress) {
            log.info("Refused a connection from {}: {} open, {} from that address", address, members.size(), fromAddress);
            // 1013, try again later (IANA's WebSocket close code registry): the server is full for now.
            ctx.closeSession(1013, members.size() >= maxConnections ? "The chat is full: try again later."
                    : "Too many connections from your address: close a tab, or try again later.");
            return;
        }
        members.put(ctx.sessionId(), new Member(ctx, address, clock));
        log.info("Connected: {} from {}", ctx.sessionId(), address);
    }

    private void received(WsContext ctx, String json) {
        Member member = members.get(ctx.sessionId());
        if (member == null) {
            return; // refused or dropped already: what it still sends counts for nothing
        }
        member.lastHeard = clock.instant();
        try {
            if (!member.limiter.tryAcquire()) {
                // One reply per flood, not one per dropped message: a flooder that never reads would
                // otherwise fill its outgoing budget with our replies.
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
                case "join" -> join(member, message.name(), message.token());
                case "message" -> say(member, message.text());
                case "typing" -> typing(member);
                case "heartbeat" -> member.heartbeats = true;
                default -> throw new ProtocolError("unknown-type",
                        "Unknown type \"" + message.type() + "\": use join, message, typing or heartbeat.");
            }
        } catch (ProtocolError error) {
            reject(member, error);
        }
    }

    private void closed(WsContext ctx, int status) {
        Member member = members.remove(ctx.sessionId());
        if (member == null) {
            return; // refused, dropped or replaced already: the room has moved on
        }
        if (member.name == null) {
            log.info("Closed with {} before joining: {}", status, ctx.sessionId());
            return;
        }
        leave(member, "closed with " + status);
    }

    private void join(Member member, String requested, String token) {
        if (member.name != null) {
            throw new ProtocolError("already-joined", "You are already in the room as " + member.name + ".");
        }
        String name = Nicknames.validate(requested);
        Member seated = seatOf(name);
        // A page back after a network drop shows the token of its seat; its old connection may not be closed yet.
        if (seated != null && seated.token.equals(token)) {
            takeOver(seated, member);
            return;
        }
        // Anyone else asking for a name in use, in any case, would be mistaken for its owner.
        if (seated != null) {
            throw new ProtocolError("name-taken", "Someone here is already called " + seated.name + ". Try another name.");
        }
        // The name is free: the newcomer hears who is here and what was said, the others hear of the newcomer.
        member.name = name;
        log.info("{} joined", name);
        send(member, new Welcome(name, online(), List.copyOf(history), member.token));
        broadcastExcept(member, new Joined(name, count()));
    }

    private void say(Member member, String text) {
        checkText(member, text);
        Message message = new Message(member.name, text, clock.instant().toString());
        history.addLast(message);
        if (history.size() > Limits.HISTORY_SIZE) {
            history.removeFirst();
        }
        broadcast(message);
    }

    private static void checkText(Member member, String text) {
        requireJoined(member);
        if (text == null || text.isBlank()) {
            throw new ProtocolError("message-empty", "A message needs some text.");
        }
        int length = text.codePointCount(0, text.length());
        if (length > Limits.MAX_TEXT_LENGTH) {
            throw new ProtocolError("message-too-long", "A message has at most " + Limits.MAX_TEXT_LENGTH
                    + " characters; this one has " + length + ". It was not sent.");
        }
    }

    private void typing(Member member) {
        requireJoined(member);
        broadcastExcept(member, new Typing(member.name));
    }

    /** A member is gone, however it went: everyone still here hears it. */
    private void leave(Member member, String why) {
        log.info("{} left: {}", member.name, why);
        broadcast(new Left(member.name, count()));
    }

    private void reject(Member member, ProtocolError error) {
        log.info("Refused {} from {}: {}", error.code(), member.ctx.sessionId(), error.getMessage());
        deliver(member, Protocol.toJson(new ErrorReply(error)));
    }

    private static void requireJoined(Member member) {
        if (member.name == null) {
            throw new ProtocolError("not-joined", "Join first: send {\"type\":\"join\",\"name\":\"...\"}.");
        }
    }

    /**
     * The new connection takes the seat as it is; the room sees no one leave or join. The old
     * connection is closed with 4001 (a code for applications, RFC 6455 §7.4.2), so a page that is
     * still open there knows not to reconnect.
     */
    private void takeOver(Member seated, Member member) {
        members.remove(seated.ctx.sessionId());
        seated.ctx.closeSession(4001, "You joined again from another connection.");
        member.name = seated.name;
        member.token = seated.token;
        log.info("{} is back on a new connection", member.name);
        send(member, new Welcome(member.name, online(), List.copyOf(history), member.token));
    }

    /** Closes connections that never joined, and those of pages that stopped sending heartbeats. */
    private void checkDeadlines() {
        Instant now = clock.instant();
        for (Member member : List.copyOf(members.values())) {
            if (member.name == null && now.isAfter(member.connected.plus(Limits.JOIN_DEADLINE))) {
                drop(member, 1008, "Join within " + Limits.JOIN_DEADLINE.toSeconds() + " s of connecting.");
            } else if (member.heartbeats && now.isAfter(member.lastHeard.plus(Limits.SILENCE_TIMEOUT))) {
                drop(member, 1001, "No heartbeat for " + Limits.SILENCE_TIMEOUT.toSeconds() + " s: taken for gone.");
            }
        }
    }

    /** The server ends a connection: its member leaves now, whatever the socket does next. */
    private void drop(Member member, int code, String reason) {
        if (members.remove(member.ctx.sessionId()) == null) {
            return; // gone already
        }
        // May run Jetty's close handler on this thread: it only posts an event, which finds no member.
        member.ctx.closeSession(code, reason);
        if (member.name != null) {
            leave(member, reason);
        }
    }

    private Member seatOf(String name) {
        return members.values().stream().filter(member -> name.equalsIgnoreCase(member.name)).findFirst().orElse(null);
    }

    /** The names in the room, sorted the way people read a list: alphabetically, ignoring case. */
    private List<String> online() {
        return members.values().stream()
                .filter(member -> member.name != null)
                .map(member -> member.name)
                .sorted(String.CASE_INSENSITIVE_ORDER)
                .toList();
    }

    private int count() {
        return (int) members.values().stream().filter(member -> member.name != null).count();
    }

    private void send(Member member, Object message) {
        deliver(member, Protocol.toJson(message));
    }

    private void broadcast(Object message) {
        broadcastExcept(null, message);
    }

    /** To every member in the room except {@code skipped}; the JSON is written once for all of them. */
    private void broadcastExcept(Member skipped, Object message) {
        String json = Protocol.toJson(message);
        for (Member member : members.values()) {
            if (member.name != null && member != skipped) {
                deliver(member, json);
            }
        }
    }

    /**
     * Queues the JSON for one member. One with too much waiting already is dropped, as an event of its
     * own: the loop that is sending may not see the members change under it.
     */
    private void deliver(Member member, String json) {
        if (!member.out.send(json)) {
            later(() -> drop(member, 1008, "Too slow: over " + Limits.MAX_QUEUED_BYTES / 1024 + " KiB waiting for you."));
        }
    }

    private static String newToken() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** RFC 6455 §5.5: a close frame's reason fits in 123 bytes. */
    private static String shorten(String reason) {
        return reason.length() <= 40 ? reason : reason.substring(0, 40);
    }
}
