package workshop.core;

import io.javalin.websocket.WsContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import workshop.core.Protocol.ErrorReply;

/**
 * The hub: one thread that owns every connection and runs the {@link Room}, as gorilla/websocket's
 * chat example does. Jetty calls {@link #connected}, {@link #received} and {@link #disconnected} from
 * many threads at once; each only posts an event to the hub, which handles them one at a time. So "is
 * this name free? then it is mine" cannot be split by a second join, every member receives the events
 * in one order, and no send runs room logic inside room logic: when a send fails, Jetty may run the
 * close handler on the sending thread, inside the send, and all that handler does is post an event.
 *
 * <p>Bounds, so that no client can cost the server without end: the rate limit is checked on Jetty's
 * thread, before a message is queued; the queue of messages holds {@link Settings#hubQueue} at most,
 * and a message that finds it full closes its sender with 1008; each connection's way out is bounded
 * ({@link Connection}); a peer that answers nothing is closed within {@link Limits#LIVENESS}.
 *
 * <p>Writes. A turn of the hub runs every event waiting (at most {@link #TURN_EVENTS}), then writes
 * each connection it touched once. When the room is quiet a turn is one event; when the hub falls
 * behind, the frames for one connection coalesce into one write instead of one per event, so each
 * delivery costs less exactly when the hub needs it most.
 */
public final class Hub implements AutoCloseable {

    /** The limits a test may want other than {@link Limits}'s. */
    public record Settings(int connections, int connectionsPerAddress, Duration joinDeadline, Duration pingInterval,
            Duration pongDeadline, Duration presenceWindow, Duration checkInterval, int hubQueue) {

        public static final Settings DEFAULTS = new Settings(Limits.CONNECTIONS, Limits.CONNECTIONS_PER_ADDRESS,
                Limits.JOIN_DEADLINE, Limits.PING_INTERVAL, Limits.PONG_DEADLINE, Limits.PRESENCE_WINDOW, Limits.CHECK_INTERVAL,
                Limits.HUB_QUEUE);

        public Settings withConnections(int all, int perAddress) {
            return new Settings(all, perAddress, joinDeadline, pingInterval, pongDeadline, presenceWindow, checkInterval, hubQueue);
        }

        /** Pings every {@code ping}; silence for {@code pong} after one closes the connection; checked every {@code check}. */
        public Settings withLiveness(Duration ping, Duration pong, Duration check) {
            return new Settings(connections, connectionsPerAddress, joinDeadline, ping, pong, presenceWindow, check, hubQueue);
        }

        public Settings withHubQueue(int messages) {
            return new Settings(connections, connectionsPerAddress, joinDeadline, pingInterval, pongDeadline, presenceWindow, checkInterval, messages);
        }
    }

    /**
     * Most events in one turn. A turn's writes go out when it ends, so the bound keeps what the first
     * event said from waiting behind a long backlog; it still lets a busy hub write each connection
     * once for dozens of messages.
     */
    static final int TURN_EVENTS = 64;

    /**
     * The request attribute a check before the upgrade may set to a token it verified: the connection
     * starts with it in {@link Connection#token}.
     */
    public static final String UPGRADE_TOKEN = "workshop.upgrade-token";

    private static final Logger log = LoggerFactory.getLogger(Hub.class);

    private final Clock clock;
    private final Settings settings;
    private final Broker broker;
    /** Every event for the hub, in order: from Jetty's threads, the timer and the broker. */
    private final BlockingQueue<Runnable> events = new LinkedBlockingQueue<>();
    private final Thread hubThread = daemon(this::loop, "chat-hub");
    private volatile boolean stopped;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> daemon(task, "chat-hub-timer"));
    /** Messages from clients waiting in the hub's queue: the bounded part of it. */
    private final AtomicInteger waiting = new AtomicInteger();
    /** For Jetty's threads: the connection of a session. */
    private final Map<String, Connection> bySession = new ConcurrentHashMap<>();

    // Hub thread only from here.
    /** Every open connection the hub let in, in order of arrival; those with a name are members. */
    private final Map<String, Connection> connections = new LinkedHashMap<>();
    private final List<Connection> unflushed = new ArrayList<>();
    private final Presence presence = new Presence();
    private Room room;

    public Hub(Clock clock, Settings settings) {
        this(clock, settings, new LocalBroker());
    }

    public Hub(Clock clock, Settings settings, Broker broker) {
        this.clock = clock;
        this.settings = settings;
        this.broker = broker;
    }

    /** Starts the hub with its room. */
    public void serve(Room room) {
        this.room = room;
        hubThread.start();
        broker.subscribe(json -> onHub(() -> deliverToAll(null, Protocol.utf8Of(json))));
        long every = settings.checkInterval().toMillis();
        timer.scheduleWithFixedDelay(() -> post(this::checkDeadlines), every, every, TimeUnit.MILLISECONDS);
    }

    // Called on Jetty's threads. Each posts an event to the hub and returns at once.

    public void connected(WsContext ctx) {
        Connection connection = new Connection(ctx.session, ctx.sessionId(), clock);
        // What a check before the upgrade proved (step 5's login token), if the step has one.
        connection.token = ctx.attribute(UPGRADE_TOKEN);
        bySession.put(connection.id, connection);
        post(() -> opened(connection));
    }

    public void received(WsContext ctx, String json) {
        Connection from = bySession.get(ctx.sessionId());
        if (from == null) {
            return;
        }
        switch (from.admit()) {
            case REFUSED -> {
                return;
            }
            case REFUSED_FIRST -> post(() -> refuse(from, new ProtocolError("rate-limited", "Slow down: at most "
                    + Limits.RATE_LIMIT_BURST + " messages at once, then " + Limits.RATE_LIMIT_PER_SECOND
                    + " a second. Your messages are dropped until you slow down.")));
            case IN -> {
                if (waiting.incrementAndGet() > settings.hubQueue()) {
                    waiting.decrementAndGet();
                    log.info("Closed {}: the hub's queue is full ({} messages)", from.id, settings.hubQueue());
                    from.close(1008, "The server is busy: slow down.");
                    return;
                }
                post(() -> {
                    waiting.decrementAndGet();
                    handle(from, json);
                });
            }
        }
    }

    public void disconnected(WsContext ctx, int status) {
        Connection connection = bySession.remove(ctx.sessionId());
        if (connection != null) {
            post(() -> closed(connection, status));
        }
    }

    /** Open connections now, from any thread: those the hub let in, and those it is about to hear of. */
    public int open() {
        return bySession.size();
    }

    /** Messages from clients waiting for the hub's thread now: at most {@link Settings#hubQueue}. */
    public int waiting() {
        return waiting.get();
    }

    /** Stops the hub; the server calls it once it has stopped. */
    @Override
    public void close() {
        stopped = true;
        timer.shutdownNow();
        hubThread.interrupt();
        broker.close();
    }

    /** Runs the task on the hub, after the events posted before it; once the hub has stopped, not at all. */
    public void post(Runnable event) {
        if (stopped) {
            log.debug("The hub has stopped: dropped an event");
            return;
        }
        events.add(event);
    }

    /** Runs the task on the hub after {@code delay}. */
    public void later(Duration delay, Runnable event) {
        try {
            timer.schedule(() -> post(event), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopped) {
            log.debug("The hub has stopped: dropped a timer");
        }
    }

    // For the room, on the hub's thread.

    /** To one connection; the JSON is written here. */
    public void send(Connection to, Object message) {
        deliver(to, Protocol.utf8(message));
    }

    /** To every member (a connection with a name). */
    public void broadcast(Object message) {
        broadcastExcept(null, message);
    }

    /** To every member except {@code skipped}; the JSON is written once for all of them. */
    public void broadcastExcept(Connection skipped, Object message) {
        deliverToAll(skipped, Protocol.utf8(message));
    }

    /**
     * To every member that {@code to} lets through: JSON written already, such as an event another
     * server published (step 6 reads it first, to skip its subject). Turned into bytes once.
     */
    public void forward(String json, Predicate<Connection> to) {
        flushPresence();
        byte[] utf8 = Protocol.utf8Of(json);
        for (Connection member : connections.values()) {
            if (member.name != null && to.test(member)) {
                deliver(member, utf8);
            }
        }
    }

    /** To every member of every server, through the {@link Broker}: what a room says goes this way. */
    public void publish(Object message) {
        broker.publish(Protocol.toJson(message));
    }

    /** Tells the others, in the next presence batch, that {@code member} joined; after its welcome. */
    public void announceJoin(Connection member) {
        if (presence.isEmpty()) {
            later(settings.presenceWindow(), this::flushPresence);
        }
        presence.joined(member);
    }

    /** Tells the others, in the next presence batch, that {@code member} left. */
    public void announceLeave(Connection member) {
        if (presence.mustFlushBeforeLeaving(member)) {
            flushPresence();
        }
        if (presence.isEmpty()) {
            later(settings.presenceWindow(), this::flushPresence);
        }
        presence.left(member);
    }

    /** Whether the connection is still the hub's: not closed, dropped or removed. For an answer that comes back later. */
    public boolean has(Connection connection) {
        return connections.get(connection.id) == connection;
    }

    /** The member with this name, in any case; {@code null} if none. */
    public Connection named(String name) {
        return connections.values().stream().filter(member -> name.equalsIgnoreCase(member.name)).findFirst().orElse(null);
    }

    /** The names of the members, sorted the way people read a list: alphabetically, ignoring case. */
    public List<String> online() {
        return connections.values().stream().filter(member -> member.name != null).map(member -> member.name)
                .sorted(String.CASE_INSENSITIVE_ORDER).toList();
    }

    /** How many members. */
    public int count() {
        return (int) connections.values().stream().filter(member -> member.name != null).count();
    }

    /** Closes the connection and forgets it now, without telling the room: for a seat taken over. */
    public void remove(Connection connection, int code, String reason) {
        connections.remove(connection.id);
        connection.close(code, reason);
    }

    /** The server ends a connection: it leaves the room now, whatever the socket does next. */
    public void drop(Connection connection, int code, String reason) {
        if (connections.remove(connection.id) == null) {
            return; // gone already
        }
        // May run Jetty's close handler on this thread: it only posts an event, which finds nothing.
        if (code == 1001) {
            connection.abandon(code, reason);
        } else {
            connection.close(code, reason);
        }
        if (connection.name != null) {
            room.left(connection, reason);
        }
    }

    // The hub's own events.

    /** The hub's thread: turn after turn, until {@link #close()}. */
    private void loop() {
        List<Runnable> turn = new ArrayList<>(TURN_EVENTS);
        try {
            while (!stopped) {
                turn.add(events.take());
                events.drainTo(turn, TURN_EVENTS - 1);
                for (Runnable event : turn) {
                    run(event);
                }
                turn.clear();
                // One write per connection per turn: whatever the turn's events queued goes out together.
                for (Connection connection : unflushed) {
                    run(connection::flush);
                }
                unflushed.clear();
            }
        } catch (InterruptedException closing) {
            log.debug("The hub has stopped");
        }
    }

    private void run(Runnable event) {
        try {
            event.run();
        } catch (RuntimeException bug) {
            log.warn("The hub failed on an event: {} at {}", bug, bug.getStackTrace()[0]);
        }
    }

    private void opened(Connection connection) {
        long fromAddress = connections.values().stream().filter(other -> other.address.equals(connection.address)).count();
        if (connections.size() >= settings.connections() || fromAddress >= settings.connectionsPerAddress()) {
            log.info("Refused a connection from {}: {} open, {} from that address", connection.address, connections.size(), fromAddress);
            // 1013, try again later (IANA's WebSocket close code registry): the server is full for now.
            connection.close(1013, connections.size() >= settings.connections() ? "The chat is full: try again later."
                    : "Too many connections from your address: close a tab, or try again later.");
            return;
        }
        connections.put(connection.id, connection);
        log.info("Connected: {} from {}", connection.id, connection.address);
    }

    private void handle(Connection from, String json) {
        if (!connections.containsKey(from.id)) {
            return; // refused or dropped already: what it still sends counts for nothing
        }
        try {
            room.received(from, json);
        } catch (ProtocolError error) {
            refuse(from, error);
        } catch (RuntimeException bug) {
            // RFC 6455 §7.4.1: 1011, the server met a condition it did not expect (a TODO, a bug).
            log.warn("The room failed on a message from {}: {} at {}", from.id, bug, bug.getStackTrace()[0]);
            drop(from, 1011, String.valueOf(bug.getMessage()));
        }
    }

    private void refuse(Connection to, ProtocolError error) {
        log.info("Refused {} from {}: {}", error.code(), to.id, error.getMessage());
        deliver(to, Protocol.utf8(new ErrorReply(error)));
    }

    private void closed(Connection connection, int status) {
        if (connections.remove(connection.id) == null) {
            return; // refused, dropped or replaced already: the room has moved on
        }
        if (connection.name == null) {
            log.info("Closed with {} before joining: {}", status, connection.id);
            return;
        }
        room.left(connection, "closed with " + status);
    }

    /** Closes connections that never joined, and those that answer nothing (see {@link Connection#silentPast}). */
    private void checkDeadlines() {
        Instant now = clock.instant();
        long nanos = System.nanoTime();
        for (Connection connection : List.copyOf(connections.values())) {
            if (connection.name == null && now.isAfter(connection.connected.plus(settings.joinDeadline()))) {
                drop(connection, 1008, "Join within " + settings.joinDeadline().toSeconds() + " s of connecting.");
            } else if (connection.silentPast(nanos, settings)) {
                log.info("No answer from {} ({}): closing it", connection.id, connection.name);
                drop(connection, 1001, "No answer to ping: taken for gone.");
            }
        }
    }

    private void flushPresence() {
        if (!presence.isEmpty()) {
            presence.flush(this, connections.values().stream().filter(member -> member.name != null).toList(), count());
        }
    }

    private void deliverToAll(Connection skipped, byte[] utf8) {
        // What was said comes after the joins and leaves before it, for every member.
        flushPresence();
        for (Connection member : connections.values()) {
            if (member.name != null && member != skipped) {
                deliver(member, utf8);
            }
        }
    }

    /**
     * Queues the bytes for one connection. One with too much waiting already is dropped, as an event
     * of its own: the loop that is sending may not see the members change under it.
     */
    void deliver(Connection to, byte[] utf8) {
        if (utf8 == null) {
            return;
        }
        boolean first = !to.isUnflushed();
        if (!to.send(utf8)) {
            post(() -> drop(to, 1008, "Too slow: over " + Limits.MAX_QUEUED_BYTES / 1024 + " KiB waiting for you."));
        } else if (first) {
            unflushed.add(to);
        }
    }

    private void onHub(Runnable event) {
        if (Thread.currentThread() == hubThread) {
            event.run();
        } else {
            post(event);
        }
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }
}
