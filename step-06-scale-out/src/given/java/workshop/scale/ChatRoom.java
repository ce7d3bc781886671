package workshop.scale;

import io.javalin.websocket.WsContext;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.websocket.api.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import workshop.scale.Broker.History;
import workshop.scale.Protocol.ClientMessage;
import workshop.scale.Protocol.Degraded;
import workshop.scale.Protocol.ErrorReply;
import workshop.scale.Protocol.Event;
import workshop.scale.Protocol.Joined;
import workshop.scale.Protocol.Left;
import workshop.scale.Protocol.Message;
import workshop.scale.Protocol.Recovered;
import workshop.scale.Protocol.Typing;
import workshop.scale.Protocol.Welcome;

/**
 * One instance's share of the room: its own members, and the rules of the protocol. What the
 * instances share (the events, the names, the history) goes through the {@link Broker}.
 *
 * <p>Every event reaches the members the same way: the room publishes it, and delivers what the broker
 * hands back, its own events included. So a member sees each event once, in the broker's order.
 *
 * <p>Thread safety: one thread, the room's, owns the members; nothing else touches them. Jetty's
 * threads (a connection opens, says something, closes) and the broker's thread (an event came) only
 * post tasks to it. A send never runs room code: Jetty may run a connection's close handler inside a
 * send, and that handler only posts a task for later. And each connection has an outgoing budget
 * ({@link Limits#MAX_PENDING_SENDS}): a client that does not read is dropped, it does not fill memory.
 */
public final class ChatRoom implements Broker.Listener, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ChatRoom.class);

    private final Broker broker;
    private final Clock clock;
    /** The room's one thread. Its queue of tasks is the room's inbox. */
    private final ExecutorService thread = Executors.newSingleThreadExecutor(task -> new Thread(task, "chat-room"));
    /**
     * Keeps this instance's names alive on a thread of its own: a room thread busy with a crowd must not
     * let its members' names expire. It reads {@link #claimed}, and posts what it finds to the room.
     */
    private final ScheduledExecutorService presence = Executors.newSingleThreadScheduledExecutor(task -> new Thread(task, "chat-presence"));
    /** The names of this instance's members: written by the room's thread, read by the presence thread. */
    private final Set<String> claimed = ConcurrentHashMap.newKeySet();
    /** Every open connection of this instance, by session id, in order of arrival. Only those with a name are in the room. */
    private final Map<String, Member> members = new LinkedHashMap<>();
    /** True while the broker cannot be reached: the members then only reach each other. */
    private boolean degraded;
    /** The newest message id this instance has seen: the next id must come after it, even if the history was lost. */
    private String newest;

    /** One connection. {@code name} stays null until its join is accepted. */
    private static final class Member {
        final WsContext ctx;
        final RateLimiter limiter;
        /** Sends not written yet: counted up on the room's thread, down on Jetty's when a write ends. */
        final AtomicInteger pending = new AtomicInteger();
        String name;
        /** The last id of the history in its welcome: a live message up to it was in there already. */
        String caughtUpTo;
        /** Set when the rate limit drops a message (its sender is told once), cleared when one gets through. */
        boolean throttled;

        Member(WsContext ctx, RateLimiter limiter) {
            this.ctx = ctx;
            this.limiter = limiter;
        }
    }

    /** Starts the room's thread and subscribes to the broker. @param clock the time for messages and the rate limit */
    public ChatRoom(Broker broker, Clock clock) {
        this.broker = broker;
        this.clock = clock;
        broker.start(this);
        long every = Limits.PRESENCE_REFRESH.toMillis();
        presence.scheduleWithFixedDelay(this::refreshPresence, every, every, TimeUnit.MILLISECONDS);
    }

    public void connect(WsContext ctx) {
        post(() -> {
            members.put(ctx.sessionId(), new Member(ctx,
                    new RateLimiter(clock, Limits.RATE_LIMIT_BURST, Limits.RATE_LIMIT_PER_SECOND)));
            log.info("Connected: {}", ctx.sessionId());
        });
    }

    public void receive(WsContext ctx, String json) {
        post(() -> {
            Member member = members.get(ctx.sessionId());
            if (member != null) {
                handle(member, json);
            }
        });
    }

    public void disconnect(WsContext ctx, int status) {
        post(() -> {
            Member member = members.remove(ctx.sessionId());
            if (member == null || member.name == null) {
                log.info("Closed with {} before joining: {}", status, ctx.sessionId());
                return;
            }
            log.info("{} left: closed with {}", member.name, status);
            leave(member.name);
        });
    }

    @Override
    public void onEvent(String json) {
        post(() -> deliver(json));
    }

    @Override
    public void onBrokerDown(String reason) {
        post(() -> degrade(reason));
    }

    @Override
    public void onBrokerUp() {
        post(this::recover);
    }

    /**
     * Stops the room: the tasks already posted still run, later ones are dropped. The broker is
     * closed after, so that the last members' departures still reach it.
     */
    @Override
    public void close() {
        presence.shutdownNow();
        thread.shutdown();
        try {
            thread.awaitTermination(Limits.STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        }
        broker.close();
    }

    /** Stops at once, releasing nothing, as when the instance crashes: its names expire in the broker. */
    public void crash() {
        presence.shutdownNow();
        thread.shutdownNow();
        broker.close();
    }

    // ---------------------------------------------------------------------------------------------
    // Everything below runs on the room's thread.

    private void post(Runnable task) {
        try {
            thread.execute(() -> run(task));
        } catch (RejectedExecutionException stopped) {
            // The room has stopped: a socket closing late has nobody left to tell.
        }
    }

    /** One task: a bug in it is logged and costs that task only, never the room's thread. */
    private void run(Runnable task) {
        try {
            task.run();
        } catch (BrokerDown down) {
            degrade(down.getMessage());
        } catch (RuntimeException bug) {
            log.error("The room failed on an event", bug);
        }
    }

    private void handle(Member member, String json) {
        try {
            if (!member.limiter.tryAcquire()) {
                // One reply per flood, not one per dropped message.
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
                case "join" -> join(member, message.name(), message.lastId());
                case "message" -> say(member, message.text());
                case "typing" -> typing(member);
                default -> throw new ProtocolError("unknown-type",
                        "Unknown type \"" + message.type() + "\": use join, message or typing.");
            }
        } catch (ProtocolError error) {
            reject(member, error);
        } catch (BrokerDown down) {
            degrade(down.getMessage());
            reject(member, new ProtocolError("degraded", "The room is degraded: try again in a moment."));
        } catch (UnsupportedOperationException todo) {
            // A TODO of RedisBroker: tell the client which one, so that the test that sent this says so.
            log.warn("Not done yet: {}", todo.getMessage());
            reject(member, new ProtocolError("server-error", todo.getMessage()));
        }
    }

    private void join(Member member, String requested, String lastId) {
        if (member.name != null) {
            throw new ProtocolError("already-joined", "You are already in the room as " + member.name + ".");
        }
        String name = Nicknames.validate(requested);
        if (lastId != null && !MessageIds.isValid(lastId)) {
            throw new ProtocolError("last-id-invalid", "lastId is the id of the last message you saw, such as \"0-42\".");
        }
        boolean takenHere = members.values().stream().anyMatch(other -> name.equalsIgnoreCase(other.name));
        if (takenHere || (!degraded && !broker.claim(name))) {
            throw new ProtocolError("name-taken", "Someone here is already called " + name + ". Try another name.");
        }
        History history = degraded ? History.EMPTY : history(name, lastId);
        // Named only now that nothing can fail: a join that fails half-way leaves no name behind, and may be tried again.
        member.name = name;
        claimed.add(name);
        List<Message> messages = history.messages();
        member.caughtUpTo = messages.isEmpty() ? lastId : messages.get(messages.size() - 1).id();
        messages.forEach(message -> see(message.id()));
        log.info("{} joined, {} messages to catch up", name, messages.size());
        send(member, Protocol.toJson(new Welcome(name, online(), messages, history.missed(), degraded)));
        publish(new Joined(name, online()));
    }

    /** The history after {@code lastId}; if the broker fails to read it, the name just claimed is given back. */
    private History history(String name, String lastId) {
        try {
            return broker.since(lastId);
        } catch (BrokerDown down) {
            try {
                broker.release(name);
            } catch (BrokerDown stillDown) {
                // Then the claim lapses by itself within PRESENCE_TTL: nobody refreshes it.
                down.addSuppressed(stillDown);
            }
            throw down;
        }
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
        String at = clock.instant().toString();
        String id = degraded ? null : broker.append(member.name, text, at, newest);
        publish(new Message(id, member.name, text, at));
    }

    private void typing(Member member) {
        requireJoined(member);
        publish(new Typing(member.name));
    }

    private void leave(String name) {
        claimed.remove(name);
        if (!degraded) {
            broker.release(name);
        }
        publish(new Left(name, online()));
    }

    /** Through the broker to every instance; while it is gone, straight to this instance's members. */
    private void publish(Object event) {
        String json = Protocol.toJson(event);
        if (!degraded) {
            try {
                broker.publish(json);
                return;
            } catch (BrokerDown down) {
                degrade(down.getMessage());
            }
        }
        deliver(json);
    }

    /** An event for this instance's members. Its subject (who joined, left, is typing) has it already. */
    private void deliver(String json) {
        Event event = Protocol.event(json);
        see(event.id());
        for (Member member : List.copyOf(members.values())) {
            if (members.get(member.ctx.sessionId()) != member) {
                continue; // dropped by a send earlier in this loop
            }
            boolean subject = !"message".equals(event.type()) && member.name != null && member.name.equalsIgnoreCase(event.name());
            boolean caughtUp = event.id() != null && member.caughtUpTo != null && MessageIds.compare(event.id(), member.caughtUpTo) <= 0;
            if (member.name != null && !subject && !caughtUp) {
                send(member, json);
            }
        }
    }

    private void see(String id) {
        if (id != null && (newest == null || MessageIds.compare(id, newest) > 0)) {
            newest = id;
        }
    }

    /**
     * On the presence thread: keeps this instance's names alive, and hands the room the names of
     * instances that stopped. While the broker is gone, the room recovers the names itself.
     */
    private void refreshPresence() {
        try {
            List<String> lost = broker.refresh(List.copyOf(claimed));
            List<String> expired = broker.expired();
            post(() -> {
                lost.forEach(this::lose);
                expired.forEach(this::expire);
            });
        } catch (BrokerDown down) {
            onBrokerDown(down.getMessage());
        } catch (RuntimeException bug) {
            log.error("Refreshing the names failed", bug);
        }
    }

    private void expire(String gone) {
        log.info("{} left: its instance stopped refreshing it", gone);
        publish(new Left(gone, online()));
    }

    /**
     * Another instance holds this name now: this one's claim lapsed, everyone was told the name left, and
     * someone took it. Its member here goes, told why, with the close code of a seat taken over.
     */
    private void lose(String name) {
        for (Member member : List.copyOf(members.values())) {
            if (name.equalsIgnoreCase(member.name)) {
                members.remove(member.ctx.sessionId());
                claimed.remove(member.name);
                log.info("{} lost its name to another instance", member.name);
                member.ctx.closeSession(Limits.SEAT_TAKEN, "Someone else has your name now: this server lost touch with the room for a while.");
            }
        }
    }

    private void degrade(String reason) {
        if (degraded) {
            return;
        }
        degraded = true;
        log.warn("The broker is gone ({}): serving this instance's members only", reason);
        tellMembers(Protocol.toJson(new Degraded("The room is degraded: you reach only the people on this server until it recovers.")));
    }

    /** Back from degraded: claim this instance's names again (the broker may have lost them), and say so. */
    private void recover() {
        if (!degraded) {
            return;
        }
        List<String> lost = broker.refresh(names());
        degraded = false;
        log.info("The broker is back: the room is whole again");
        lost.forEach(this::lose);
        tellMembers(Protocol.toJson(new Recovered(online())));
    }

    /** To every member of this instance. A send may drop a member (its budget spent): so a copy, skipping who is gone. */
    private void tellMembers(String json) {
        for (Member member : List.copyOf(members.values())) {
            if (member.name != null && members.get(member.ctx.sessionId()) == member) {
                send(member, json);
            }
        }
    }

    private void reject(Member member, ProtocolError error) {
        log.info("Refused {} from {}: {}", error.code(), member.ctx.sessionId(), error.getMessage());
        send(member, Protocol.toJson(new ErrorReply(error)));
    }

    private static void requireJoined(Member member) {
        if (member.name == null) {
            throw new ProtocolError("not-joined", "Join first: send {\"type\":\"join\",\"name\":\"...\"}.");
        }
    }

    private List<String> names() {
        return members.values().stream().filter(member -> member.name != null).map(member -> member.name).toList();
    }

    /** Everyone in the room: the broker's list and this instance's own members, sorted ignoring case. */
    private List<String> online() {
        TreeSet<String> online = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        online.addAll(names());
        if (!degraded) {
            try {
                online.addAll(broker.online());
            } catch (BrokerDown down) {
                // Redis went away in the middle of an event: finish it with this instance's own list.
                degrade(down.getMessage());
            }
        }
        return List.copyOf(online);
    }

    /**
     * Queues a frame on the connection, within its budget. Jetty writes it later; its callback only
     * counts, so it cannot re-enter the room even when Jetty runs it inside this call.
     */
    private void send(Member member, String json) {
        if (member.pending.incrementAndGet() > Limits.MAX_PENDING_SENDS) {
            drop(member);
            return;
        }
        member.ctx.session.sendText(json, Callback.from(member.pending::decrementAndGet, failed -> member.pending.decrementAndGet()));
    }

    /**
     * A member that does not read leaves the room now. A close frame would wait behind the frames it
     * does not read, so the connection is cut instead; its close handler then finds nobody to remove.
     */
    private void drop(Member member) {
        if (members.remove(member.ctx.sessionId()) == null) {
            return;
        }
        log.info("Dropped {}: {} messages waiting, it does not read", member.name == null ? member.ctx.sessionId() : member.name,
                Limits.MAX_PENDING_SENDS);
        member.ctx.session.disconnect();
        if (member.name != null) {
            leave(member.name);
        }
    }
}
