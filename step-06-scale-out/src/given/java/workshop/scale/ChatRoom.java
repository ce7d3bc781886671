package workshop.scale;

import io.javalin.websocket.WsContext;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
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
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.eclipse.jetty.websocket.api.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import workshop.core.Nicknames;
import workshop.core.ProtocolError;
import workshop.core.RateLimiter;
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
 * post tasks to it. The room never calls the broker itself: a call may wait for Redis up to
 * {@link Limits#REDIS_TIMEOUT}, and every member would wait with it. It asks ({@link #ask}): the call
 * runs on a thread of its own, and its answer comes back to the room's thread as one more task. A send never runs room code: Jetty may run a connection's close handler inside a
 * send, and that handler only posts a task for later. And each connection has an outgoing budget
 * ({@link Limits#MAX_PENDING_SENDS}): a client that does not read is dropped, it does not fill memory.
 */
public final class ChatRoom implements Broker.Listener, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ChatRoom.class);

    private final Broker broker;
    private final Clock clock;
    /** The room's one thread. Its queue of tasks is the room's inbox. */
    private final ExecutorService thread = Executors.newSingleThreadExecutor(task -> new Thread(task, "chat-room"));
    /** Where the broker calls run. One thread: what this instance says reaches the broker in the order it was said. */
    private final ExecutorService calls = Executors.newSingleThreadExecutor(task -> new Thread(task, "chat-broker"));
    /**
     * Keeps this instance's names alive on a thread of its own: a room thread busy with a crowd must not
     * let its members' names expire. It reads {@link #claimed}, and posts what it finds to the room.
     */
    private final ScheduledExecutorService presence = Executors.newSingleThreadScheduledExecutor(task -> new Thread(task, "chat-presence"));
    /** The names of this instance's members: written by the room's thread, read by the presence thread. */
    private final Set<String> claimed = ConcurrentHashMap.newKeySet();
    /** Names being claimed for a join, lower-cased: the broker has not answered yet. */
    private final Set<String> joining = new HashSet<>();
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
        /** True while its join waits for the broker; what the room hears meanwhile waits in {@code early}. */
        boolean joining;
        final List<String> early = new ArrayList<>();

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
        for (ExecutorService executor : List.of(thread, calls)) {
            executor.shutdown();
            try {
                executor.awaitTermination(Limits.STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException stopping) {
                Thread.currentThread().interrupt();
            }
        }
        broker.close();
    }

    /** Stops at once, releasing nothing, as when the instance crashes: its names expire in the broker. */
    public void crash() {
        presence.shutdownNow();
        thread.shutdownNow();
        calls.shutdownNow();
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
        } catch (RuntimeException bug) {
            log.error("The room failed on an event", bug);
        }
    }

    /**
     * Runs a broker call on the broker calls' thread; what it answers, or its {@link BrokerDown}, comes
     * back to the room's thread as a task. Once the room has stopped, the answer has nobody to go to.
     */
    private <T> void ask(Supplier<T> call, Consumer<T> then, Consumer<BrokerDown> failed) {
        try {
            calls.execute(() -> {
                try {
                    T answer = call.get();
                    post(() -> then.accept(answer));
                } catch (BrokerDown down) {
                    post(() -> failed.accept(down));
                } catch (UnsupportedOperationException todo) {
                    // A TODO of RedisBroker: tell this instance's members which one, so that a test says so at once.
                    log.warn("Not done yet: {}", todo.getMessage());
                    post(() -> tellMembers(Protocol.toJson(new ErrorReply(new ProtocolError("server-error", todo.getMessage())))));
                } catch (RuntimeException bug) {
                    log.error("A broker call failed", bug);
                }
            });
        } catch (RejectedExecutionException stopped) {
            // The room has stopped: nothing to ask any more.
        }
    }

    /** A broker call that fails: the room goes on degraded. */
    private void brokerDown(BrokerDown down) {
        degrade(down.getMessage());
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
        }
    }

    /** What a join needs from the broker: whether the name was free, the history to catch up, who is online. */
    private record Claim(boolean free, History history, List<String> online) {
    }

    private void join(Member member, String requested, String lastId) {
        if (member.name != null || member.joining) {
            throw new ProtocolError("already-joined", member.name == null ? "You are joining already."
                    : "You are already in the room as " + member.name + ".");
        }
        String name = Nicknames.validate(requested);
        if (lastId != null && !MessageIds.isValid(lastId)) {
            throw new ProtocolError("last-id-invalid", "lastId is the id of the last message you saw, such as \"1796313600000-42\".");
        }
        boolean takenHere = members.values().stream().anyMatch(other -> name.equalsIgnoreCase(other.name));
        if (takenHere || joining.contains(lower(name))) {
            throw nameTaken(name);
        }
        if (degraded) {
            welcome(member, name, lastId, History.EMPTY, List.of());
            return;
        }
        member.joining = true;
        joining.add(lower(name));
        List<String> here = names();
        ask(() -> claim(name, lastId), claim -> {
            joined(member, name);
            if (members.get(member.ctx.sessionId()) != member) {
                release(name); // gone while the broker answered
            } else if (!claim.free()) {
                member.early.clear();
                reject(member, nameTaken(name));
            } else {
                welcome(member, name, lastId, claim.history(), union(here, claim.online()));
            }
        }, down -> {
            joined(member, name);
            member.early.clear();
            brokerDown(down);
            reject(member, new ProtocolError("degraded", "The room is degraded: try again in a moment."));
        });
    }

    /** The broker answered a join: the member waits no more (and what it heard meanwhile, if welcomed, follows its welcome). */
    private void joined(Member member, String name) {
        member.joining = false;
        joining.remove(lower(name));
    }

    /** On the broker calls' thread. If the history cannot be read, the name just claimed is given back. */
    private Claim claim(String name, String lastId) {
        if (!broker.claim(name)) {
            return new Claim(false, History.EMPTY, List.of());
        }
        try {
            return new Claim(true, broker.since(lastId), broker.online());
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

    /** The member gets its name only now that nothing can fail: a join that fails half-way leaves no name behind. */
    private void welcome(Member member, String name, String lastId, History history, List<String> elsewhere) {
        member.name = name;
        claimed.add(name);
        List<Message> messages = history.messages();
        member.caughtUpTo = messages.isEmpty() ? lastId : messages.get(messages.size() - 1).id();
        messages.forEach(message -> see(message.id()));
        log.info("{} joined, {} messages to catch up", name, messages.size());
        List<String> online = union(names(), elsewhere);
        send(member, Protocol.toJson(new Welcome(name, online, messages, history.missed(), degraded)));
        // What came while the broker answered, after the welcome: a message the history had already is skipped.
        member.early.forEach(json -> deliver(member, Protocol.event(json), json));
        member.early.clear();
        publish(new Joined(name, online));
    }

    private static ProtocolError nameTaken(String name) {
        return new ProtocolError("name-taken", "Someone here is already called " + name + ". Try another name.");
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
        String from = member.name;
        if (degraded) {
            deliver(Protocol.toJson(new Message(null, from, text, at)));
            return;
        }
        String after = newest;
        ask(() -> {
            broker.publish(Protocol.toJson(new Message(broker.append(from, text, at, after), from, text, at)));
            return null;
        }, done -> {
        }, down -> {
            // Not in the history, and maybe not on the channel: this instance's members at least hear it, without an id.
            brokerDown(down);
            deliver(Protocol.toJson(new Message(null, from, text, at)));
        });
    }

    private void typing(Member member) {
        requireJoined(member);
        publish(new Typing(member.name));
    }

    private void leave(String name) {
        claimed.remove(name);
        if (degraded) {
            deliver(Protocol.toJson(new Left(name, names())));
            return;
        }
        List<String> here = names();
        ask(() -> {
            broker.release(name);
            broker.publish(Protocol.toJson(new Left(name, union(here, broker.online()))));
            return null;
        }, done -> {
        }, down -> {
            brokerDown(down);
            deliver(Protocol.toJson(new Left(name, names())));
        });
    }

    /** Frees a name this instance claimed for a member who is gone already. */
    private void release(String name) {
        ask(() -> {
            broker.release(name);
            return null;
        }, done -> {
        }, this::brokerDown);
    }

    /** Through the broker to every instance; while it is gone, straight to this instance's members. */
    private void publish(Object event) {
        String json = Protocol.toJson(event);
        if (degraded) {
            deliver(json);
            return;
        }
        ask(() -> {
            broker.publish(json);
            return null;
        }, done -> {
        }, down -> {
            brokerDown(down);
            deliver(json);
        });
    }

    /** An event for this instance's members. Its subject (who joined, left, is typing) has it already. */
    private void deliver(String json) {
        Event event = Protocol.event(json);
        see(event.id());
        for (Member member : List.copyOf(members.values())) {
            if (members.get(member.ctx.sessionId()) != member) {
                continue; // dropped by a send earlier in this loop
            }
            if (member.joining) {
                member.early.add(json); // its history was read before this came: it gets it after its welcome
            } else {
                deliver(member, event, json);
            }
        }
    }

    private void deliver(Member member, Event event, String json) {
        boolean subject = !"message".equals(event.type()) && member.name != null && member.name.equalsIgnoreCase(event.name());
        boolean caughtUp = event.id() != null && member.caughtUpTo != null && MessageIds.compare(event.id(), member.caughtUpTo) <= 0;
        if (member.name != null && !subject && !caughtUp) {
            send(member, json);
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
            List<String> online = expired.isEmpty() ? List.of() : broker.online();
            post(() -> {
                lost.forEach(this::lose);
                expired.forEach(gone -> expire(gone, online));
            });
        } catch (BrokerDown down) {
            onBrokerDown(down.getMessage());
        } catch (RuntimeException bug) {
            log.error("Refreshing the names failed", bug);
        }
    }

    private void expire(String gone, List<String> online) {
        log.info("{} left: its instance stopped refreshing it", gone);
        publish(new Left(gone, union(names(), online)));
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
        List<String> here = names();
        ask(() -> new Recovery(broker.refresh(here), broker.online()), recovery -> {
            if (!degraded) {
                return;
            }
            degraded = false;
            log.info("The broker is back: the room is whole again");
            recovery.lost().forEach(this::lose);
            tellMembers(Protocol.toJson(new Recovered(union(names(), recovery.online()))));
        }, this::brokerDown);
    }

    /** What the broker answers when it is back: the names another instance took meanwhile, and who is online. */
    private record Recovery(List<String> lost, List<String> online) {
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

    /** Everyone in the room: this instance's own members and the broker's list, sorted ignoring case. */
    private static List<String> union(List<String> here, List<String> elsewhere) {
        TreeSet<String> online = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        online.addAll(here);
        online.addAll(elsewhere);
        return List.copyOf(online);
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
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
